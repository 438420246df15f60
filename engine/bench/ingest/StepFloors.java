import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The floors of kvik's ingest steps on one extract, in bare DuckDB with no validation: the plain CSV to Parquet copy
 * (bench-ingest's floor), the file read into a VARCHAR temp table (kvik's read step, order kept and not), that table
 * written to Parquet (kvik's write step), and the grouping of one key column (the duplicate key check). Prints wall
 * and process CPU seconds per step. Run from the repository root after `mvn -pl engine package -DskipTests`:
 * {@code java -cp engine/target/kvik.jar engine/bench/ingest/StepFloors.java FILE.csv DELIMITER KEY_COLUMN OUT.parquet}
 */
public class StepFloors {
    public static void main(String[] args) throws Exception {
        String csv = args[0];
        String delimiter = args[1];
        String key = args[2];
        String out = args[3];
        String read = "read_csv('" + csv + "', delim = '" + delimiter + "', header = true, all_varchar = true)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET preserve_insertion_order = false");
            time(st, "floor: CSV -> Parquet (plain copy)", "COPY (SELECT * FROM " + read + ") TO '" + out
                    + "' (FORMAT parquet)");
            st.execute("SET preserve_insertion_order = true");
            time(st, "read: CSV -> VARCHAR temp table (order kept)", "CREATE TEMP TABLE t AS SELECT * FROM " + read);
            st.execute("SET preserve_insertion_order = false");
            time(st, "read: CSV -> VARCHAR temp table (any order)", "CREATE TEMP TABLE t2 AS SELECT * FROM " + read);
            time(st, "write: VARCHAR table -> Parquet", "COPY (SELECT * FROM t) TO '" + out + "' (FORMAT parquet)");
            time(st, "CSV scan alone (every column)", "CREATE TEMP TABLE n AS SELECT sum(length(concat_ws('', "
                    + "COLUMNS(*)))) FROM " + read);
            time(st, "group the key column " + key + " of the table", "CREATE TEMP TABLE g AS SELECT \"" + key
                    + "\", count(*) FROM t GROUP BY \"" + key + "\" HAVING count(*) > 1");
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void time(Statement st, String label, String sql) throws SQLException {
        long wall = System.nanoTime();
        long cpu = cpu();
        st.execute(sql);
        System.out.printf("%-48s wall %6.2f s  cpu %6.2f s%n", label, (System.nanoTime() - wall) / 1e9,
                (cpu() - cpu) / 1e9);
    }
}
