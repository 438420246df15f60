package no.kvik.variation;

/** One period of a unit's series: period index (e.g. year), numerator and denominator (n, or E for ratios). */
public record TrendPoint(double period, double numerator, double denominator) {
}
