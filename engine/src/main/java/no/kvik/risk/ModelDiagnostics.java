package no.kvik.risk;

import java.util.List;

/**
 * Fit diagnostics written with every model, with its coefficient table.
 *
 * @param coefficients         every term with estimate, SE, z, p and odds ratio with its 95 % Wald interval
 * @param cStatistic           area under the ROC curve, ties counted one half
 * @param hosmerLemeshow       Σ (O−E)²/(E(1−E/n)) over the risk groups
 * @param hosmerLemeshowDf     groups − 2
 * @param observedTotal        ΣO; equals expectedTotal up to the IRLS tolerance for a model with an intercept
 *                             (and by recalibration of the intercept for a Firth fit)
 * @param estimation           maximum likelihood, or Firth's penalised likelihood with the reason
 */
public record ModelDiagnostics(List<Coefficient> coefficients, double deviance, double nullDeviance, double aic,
                               int iterations, double cStatistic, double hosmerLemeshow, int hosmerLemeshowDf,
                               double hosmerLemeshowP, List<CalibrationBin> calibration, double observedTotal,
                               double expectedTotal, double cases, int patterns,
                               Estimation estimation) {
    public ModelDiagnostics {
        coefficients = List.copyOf(coefficients);
        calibration = List.copyOf(calibration);
    }
}
