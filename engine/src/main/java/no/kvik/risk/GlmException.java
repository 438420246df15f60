package no.kvik.risk;

/** A model that cannot be fitted: separation, non-convergence or collinear covariates. The message says which. */
public class GlmException extends RuntimeException {
    public GlmException(String message) {
        super(message);
    }
}
