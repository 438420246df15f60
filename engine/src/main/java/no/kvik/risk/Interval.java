package no.kvik.risk;

/** A confidence interval [low, high]. */
public record Interval(double low, double high) {
}
