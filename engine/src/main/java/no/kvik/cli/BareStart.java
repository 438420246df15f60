package no.kvik.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import no.kvik.sql.DuckDb;

/**
 * The floor of a command's fixed cost ({@link FixedCost}): a JVM started from kvik's jar that opens DuckDB and runs
 * {@code SELECT 1}, nothing else. {@code java -cp kvik.jar no.kvik.cli.BareStart}.
 */
public final class BareStart {
    private BareStart() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DuckDb.open(DuckDb.Settings.DEFAULTS); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
        }
    }
}
