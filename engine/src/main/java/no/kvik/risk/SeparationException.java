package no.kvik.risk;

/**
 * Maximum likelihood does not exist for a logistic model: a fitted risk numerically 0 or 1 (separation), or
 * IRLS not converging, which for a logistic model means the same. {@link #finding()} says which pattern and
 * term; {@link LogisticModel#fit} then falls back to Firth's penalised likelihood.
 */
public final class SeparationException extends GlmException {
    private final String finding;

    /**
     * @param finding what was found, without advice (recorded as the reason of a Firth fit)
     * @param advice  what to do about it, appended to the message
     */
    public SeparationException(String finding, String advice) {
        super(finding + advice);
        this.finding = finding;
    }

    public String finding() {
        return finding;
    }
}
