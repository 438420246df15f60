package no.kvik.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import no.kvik.config.KvikHome;

/**
 * A reader in its own process for {@link SnapshotReadTest}: opens the store given as argument, prints what it reads
 * and then waits, holding its lease, until it is killed.
 */
public final class HeldReader {
    private HeldReader() {
    }

    public static void main(String[] args) throws Exception {
        Connection c = Store.open(Path.of(args[0]), KvikHome.locate());
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SnapshotReadTest.COUNT)) {
            rs.next();
            System.out.println("read " + rs.getString(1) + " " + rs.getString(2));
        }
        System.out.flush();
        Thread.sleep(120_000);
    }
}
