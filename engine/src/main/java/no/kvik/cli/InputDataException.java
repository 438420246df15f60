package no.kvik.cli;

/** A user's input table has bad content; the message names the file, row and field. Exit code 1. */
final class InputDataException extends RuntimeException {
    InputDataException(String message) {
        super(message);
    }

    InputDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
