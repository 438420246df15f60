package no.kvik.risk;

/**
 * How a case-mix model was estimated, written with every fit (model.json, kvik adjust's diagnostics.json).
 *
 * @param method         {@link #MAXIMUM_LIKELIHOOD} or {@link #FIRTH}
 * @param reason         why maximum likelihood was not used (which patterns and term separated); null for ML
 * @param interceptShift for Firth: the amount added to Firth's intercept so that ΣE = ΣO on the fitting
 *                       population (see {@link LogisticModel#recalibrate}); 0 for ML
 */
public record Estimation(String method, String reason, double interceptShift) {
    public static final String MAXIMUM_LIKELIHOOD = "maximum_likelihood";
    public static final String FIRTH = "firth";

    public static Estimation maximumLikelihood() {
        return new Estimation(MAXIMUM_LIKELIHOOD, null, 0);
    }

    public boolean firth() {
        return FIRTH.equals(method);
    }

    /** One line for logs: "firth (reason; intercept shifted by δ so that ΣE = ΣO)". */
    public String summary() {
        return firth() ? String.format(java.util.Locale.ROOT, "firth (%s; intercept shifted by %.6g so that ΣE = ΣO)",
                reason, interceptShift) : method;
    }
}
