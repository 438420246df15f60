package no.kvik.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.engine.Engine;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import no.kvik.engine.RunRequest;
import no.kvik.reference.ReferenceData;
import no.kvik.report.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs indicators on a store and writes the results in the result schema. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run indicators on a store at every level and write results (Parquet, CSV, JSON, xlsx).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store folder.")
    Path store;

    @Option(names = "--indicator", paramLabel = "ID", split = ",",
            description = "Indicators to run (repeat or comma-separate); default all.")
    List<String> indicators = new ArrayList<>();

    @Option(names = "--period", paramLabel = "PERIOD",
            description = "Range to report: 2024, 2022-2024, 2024-H1 or 2024-T2 (default: every year in the store).")
    String period;

    @Option(names = "--frequency", paramLabel = "F",
            description = "Report periods of this length instead of each indicator's own: tertial, half_year, year.")
    String frequency;

    @Option(names = "--rolling", paramLabel = "YEARS", description = "Also report windows of this many whole years.")
    int rolling;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Parameter value for every indicator that declares it.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "Output formats (default all): ${COMPLETION-CANDIDATES}.")
    List<ResultWriter.Format> formats = new ArrayList<>(List.of(ResultWriter.Format.values()));

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        List<Indicator> selected = indicators.isEmpty() ? catalogue.all()
                : indicators.stream().map(catalogue::get).toList();
        for (String name : params.keySet()) {
            if (selected.stream().noneMatch(i -> i.parameterTypes().containsKey(name))) {
                throw new IllegalArgumentException("--param " + name + ": no selected indicator has that parameter");
            }
        }
        RunRequest request = request(period, frequency, rolling);
        List<IndicatorResult> all = new ArrayList<>();
        try (Connection connection = openStore(store, home)) {
            Engine engine = new Engine(connection);
            for (Indicator indicator : selected) {
                Map<String, String> own = new LinkedHashMap<>();
                params.forEach((k, v) -> {
                    if (indicator.parameterTypes().containsKey(k)) own.put(k, v);
                });
                long t0 = System.nanoTime();
                List<IndicatorResult> results = engine.run(indicator, request.withParameters(own));
                all.addAll(results);
                System.out.printf("%-40s %6d rows %8.0f ms%n", indicator.id(), results.size(), (System.nanoTime() - t0) / 1e6);
            }
            List<Path> files = ResultWriter.write(connection, all, out, "results", EnumSet.copyOf(formats));
            files.forEach(f -> System.out.println("wrote " + f));
        }
        return ExitCodes.OK;
    }

    /** The request for a --period/--frequency/--rolling combination. */
    static RunRequest request(String period, String frequency, int rolling) {
        RunRequest r = RunRequest.allYears();
        if (period != null) {
            Period p = Periods.parse(period);
            r = RunRequest.between(p.start(), p.end());
        }
        if (frequency != null) r = r.withFrequency(Frequency.of(frequency));
        if (rolling > 0) r = r.withRollingYears(rolling);
        return r;
    }

    /**
     * Opens the store as a DuckDB connection with one view per contract and the reference tables.
     * MERGE: replace the body with {@code Store.open(storeDir, home).connection()} from no.kvik.store once
     * that branch is merged; this interim version reads {@code <store>/<contract_id>/**}{@code /*.parquet}
     * (hive-partitioned), gives a contract without data an empty typed view, and does not check the manifest.
     */
    static Connection openStore(Path storeDir, KvikHome home) throws SQLException {
        if (!Files.isDirectory(storeDir)) throw new IllegalArgumentException("store folder not found: " + storeDir);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            for (Contract c : Contracts.load(home.contracts()).all()) {
                Path dir = storeDir.resolve(c.id());
                if (!Files.isDirectory(dir)) {
                    st.execute(emptyView(c)); // no extract of this kind yet: indicators on it give no rows
                    continue;
                }
                // views cannot take bound parameters; the path comes from our own folder listing, quoted
                String glob = dir.toAbsolutePath() + "/**/*.parquet";
                st.execute("CREATE OR REPLACE VIEW " + c.id() + " AS SELECT * FROM read_parquet('"
                        + glob.replace("'", "''") + "', hive_partitioning = true)");
            }
            ReferenceData.registerAll(connection, home);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static String emptyView(Contract c) {
        StringBuilder sb = new StringBuilder("CREATE OR REPLACE VIEW " + c.id() + " AS SELECT ");
        for (var col : c.columns()) sb.append("CAST(NULL AS ").append(col.type().duckDbType()).append(") AS ").append(col.name()).append(", ");
        return sb.append("CAST(NULL AS INTEGER) AS _year WHERE false").toString();
    }
}
