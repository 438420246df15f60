package no.kvik.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.testutil.TextRows;

/**
 * Synthetic extracts generated for one test class (seed 7, 2 generator threads), their truth.json, and an in-memory
 * DuckDB in which the class reads the files it checks as tables of text (every column VARCHAR, cast where compared).
 */
final class GeneratedExtracts implements AutoCloseable {
    final KvikHome home;
    final Path out;
    final JsonNode truth;
    private final Connection db;

    private GeneratedExtracts(KvikHome home, Path out, JsonNode truth, Connection db) {
        this.home = home;
        this.out = out;
        this.truth = truth;
        this.db = db;
    }

    /** Generates Norway at {@code scale} for {@code firstYear}-{@code lastYear} into {@code out}. */
    static GeneratedExtracts generate(Path out, double scale, int firstYear, int lastYear) throws Exception {
        KvikHome home = KvikHome.locate();
        new Synthesizer(new Synthesizer.Settings(scale, firstYear, lastYear, 7, out, 2), home.reference(),
                Contracts.load(home.contracts())).generate();
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        return new GeneratedExtracts(home, out, truth, DriverManager.getConnection("jdbc:duckdb:"));
    }

    /**
     * Reads the CSV files {@code files} (a path or glob) into table {@code name}, all columns as text, with further
     * read_csv {@code options} (such as {@code delim = ';'}) after a comma, or none when empty.
     */
    GeneratedExtracts table(String name, Path files, String options) throws SQLException {
        execute("CREATE TABLE " + name + " AS SELECT * FROM read_csv('" + files + "', header = true, all_varchar = true"
                + (options.isEmpty() ? "" : ", " + options) + ")");
        return this;
    }

    void execute(String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }

    /** The rows of a query, every value as text. */
    List<List<String>> rows(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return TextRows.of(rs);
        }
    }

    /** The first value of a query's first row, as a number. */
    double number(String sql) throws SQLException {
        return Double.parseDouble(rows(sql).get(0).get(0));
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
