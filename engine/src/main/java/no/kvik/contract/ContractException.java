package no.kvik.contract;

/** A contract file that cannot be used; the message names the file and the problem. */
public class ContractException extends RuntimeException {
    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
