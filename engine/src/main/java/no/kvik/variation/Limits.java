package no.kvik.variation;

/** A lower and upper control limit on the indicator's own scale (proportion, O/E or rate). */
public record Limits(double lower, double upper) {
}
