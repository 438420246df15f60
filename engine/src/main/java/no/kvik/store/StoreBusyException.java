package no.kvik.store;

/** Another process holds the store's lock ({@code STORE/.lock}): nothing was changed; try again when it is done. */
public final class StoreBusyException extends StoreException {
    public StoreBusyException(String message) {
        super(message);
    }
}
