package no.kvik.risk;

/** Observed against expected events in one risk group (decile) of the fitted model. */
public record CalibrationBin(int group, double cases, double observed, double expected, double meanPredicted,
                             double observedRate) {
}
