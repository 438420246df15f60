package no.kvik.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import no.kvik.config.KvikHome;
import no.kvik.store.StoreScope;

/**
 * A store connection being opened ({@link RunCommand#openStore}) on a thread of its own while the command checks its
 * arguments and prepares its output folder. It was started before the catalogue loaded, to overlap the two; a run of
 * named indicators now opens only what their SQL reads ({@link no.kvik.store.StoreScope}), which needs their SQL first,
 * and loads only their files, so the overlap is with the checks only.
 * Errors keep their order: the caller's own checks throw first; the store's error is thrown by {@link #connection}.
 * Closing before the connection was taken closes it once it is open.
 */
final class StoreOpening implements AutoCloseable {
    private final CompletableFuture<Connection> future = new CompletableFuture<>();
    private boolean taken;

    private StoreOpening(Path store, KvikHome home, StoreScope scope) {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                future.complete(RunCommand.openStore(store, home, scope));
                StartupTimings.add("store_open_thread", System.nanoTime() - t0);
            } catch (SQLException | RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "kvik-store-open");
        t.setDaemon(true);
        t.start();
    }

    static StoreOpening start(Path store, KvikHome home, StoreScope scope) {
        return new StoreOpening(store, home, scope);
    }

    /** The open connection (the caller closes it), or the error opening it threw. */
    Connection connection() throws SQLException {
        taken = true;
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) throw s;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw e;
        }
    }

    /** Closes a connection nobody took (the command failed before it needed the store). */
    @Override
    public void close() {
        if (taken) return;
        future.whenComplete((c, e) -> {
            if (c == null) return;
            try {
                c.close();
            } catch (SQLException ignored) {
                // the command is failing already; the lease ends with the process
            }
        });
    }
}
