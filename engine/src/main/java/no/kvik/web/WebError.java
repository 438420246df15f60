package no.kvik.web;

/** A request the statistics views answer with an error page of this status (400 bad query, 404 unknown). */
final class WebError extends RuntimeException {
    final int status;

    WebError(int status, String message) {
        super(message);
        this.status = status;
    }
}
