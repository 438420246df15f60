package no.kvik.risk;

/** A directly standardised rate with its variance and Fay–Feuer gamma interval (all scaled by the multiplier). */
public record DirectResult(double events, double population, double rate, double variance, double low,
                           double high) {
}
