package no.kvik.catalog;

/** An indicator's given/expect test did not pass; the message says which and shows the difference. */
public final class IndicatorTestFailure extends RuntimeException {
    public IndicatorTestFailure(String message) {
        super(message);
    }

    public IndicatorTestFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
