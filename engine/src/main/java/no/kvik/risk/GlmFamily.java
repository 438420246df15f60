package no.kvik.risk;

/** The two generalised linear models kvik fits: binomial with logit link, Poisson with log link. */
public enum GlmFamily {
    BINOMIAL_LOGIT, POISSON_LOG
}
