package no.kvik.notebook;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import no.kvik.catalog.Catalogue;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.store.Store;

/**
 * Prints how long {@code Kvik.open(store)} takes to return and how long until the session is usable (its first
 * call), in a fresh JVM and again warm, then where opening spends its time. A benchmark, not a test: run it in a
 * JVM of its own after {@code mvn -pl engine package -DskipTests test-compile}:
 * <pre>
 * java -cp engine/target/kvik.jar:engine/target/test-classes no.kvik.notebook.KvikOpenBenchmark STORE
 * </pre>
 */
public final class KvikOpenBenchmark {
    private KvikOpenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KvikOpenBenchmark STORE");
            System.exit(2);
        }
        Path store = Path.of(args[0]);
        for (String round : new String[] {"cold JVM", "warm JVM"}) {
            long t0 = System.nanoTime();
            Kvik kvik = Kvik.open(store);
            long opened = System.nanoTime();
            int indicators = kvik.indicators().rowCount();
            long ready = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s: Kvik.open returned in %d ms; first call (%d indicators) answered %d ms later "
                    + "(%d ms from open)%n", round, ms(opened - t0), indicators, ms(ready - opened), ms(ready - t0));
            kvik.close();
        }
        // where opening spends its time (warm, so class loading is left out)
        KvikHome home = KvikHome.locate();
        long t = System.nanoTime();
        Contracts contracts = Contracts.load(home.contracts());
        t = lap("contracts loaded", t);
        Catalogue.load(home.indicators(), contracts);
        t = lap("catalogue loaded and validated", t);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            t = lap("DuckDB connection", t);
            ReferenceData.register(c, home.reference());
            t = lap("reference CSV tables", t);
        }
        try (Connection c = Store.open(store, home)) {
            lap("Store.open (lease, reference tables, registry views, sql/reference)", t);
        }
    }

    private static long lap(String what, long since) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "  %-70s %5d ms%n", what, ms(now - since));
        return now;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
