package no.kvik.catalog;

/**
 * The goal of an indicator: a single target {@code value} and/or three-level goal-attainment bands
 * ({@code high}, {@code medium}) read with the indicator's direction.
 */
public record Target(Double value, Double high, Double medium) {
}
