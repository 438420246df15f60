package no.kvik.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.SqlHeaders;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import no.kvik.store.ConsoleScript;
import no.kvik.store.StoreManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An indicator's SQL: as written, as a self-contained DuckDB console script, or the generated parameter headers. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Print an indicator's SQL file (with the file's path); with --console a self-contained script "
                + "for the DuckDB CLI or any DuckDB client: the ref_* tables, registry views (over the store's live "
                + "Parquet files) and curated reference views and macros the query uses (and the macros those call), "
                + "then PREPARE of the query and EXECUTE with the metadata's default parameters, the period and any "
                + "--param. Run it as: duckdb < script.sql",
                "--headers rewrites the generated parameter header at the top of every SQL file (name, type, default, "
                        + "meaning from the metadata); with --check it only lists the files whose header is missing or "
                        + "stale (exit 1 if any).",
                "Exit code 0: ok; 1: --check found stale headers; 2: unknown indicator or usage error."})
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "The indicator.")
    String id;

    @Option(names = "--console", description = "Print the self-contained DuckDB script instead of the SQL file (needs --store).")
    boolean console;

    @Option(names = "--store", paramLabel = "STORE", description = "The store the console script reads.")
    Path store;

    @Option(names = "--period", paramLabel = "P", description = "Period of the console script (2024, 2024-T2, 2024-H1, "
            + "2022-2024); default: the last year the store holds deliveries for.")
    String period;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter value instead of the metadata's default.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--headers", description = "Write the generated parameter header of every indicator SQL file.")
    boolean headers;

    @Option(names = "--check", description = "With --headers: write nothing, list the files whose header is missing or stale.")
    boolean check;

    @Override
    public Integer call() throws IOException, SQLException {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (headers) return headers(catalogue, out);
            if (check) throw new IllegalArgumentException("--check goes with --headers");
            if (id == null) throw new IllegalArgumentException("give an indicator ID (or --headers)");
            Indicator indicator = catalogue.get(id);
            if (!console) {
                if (store != null || period != null || !params.isEmpty()) {
                    throw new IllegalArgumentException("--store, --period and --param go with --console");
                }
                out.println("-- " + indicator.sqlFile());
                out.print(indicator.sql().text());
                return ExitCodes.OK;
            }
            if (store == null) throw new IllegalArgumentException("--console needs --store STORE (the store the script reads)");
            if (!Files.isRegularFile(store.resolve(StoreManifest.FILE_NAME))) {
                throw new IllegalArgumentException(store + " is not a store (no " + StoreManifest.FILE_NAME + ")");
            }
            out.print(console(indicator, home));
            return ExitCodes.OK;
        } finally {
            out.flush();
        }
    }

    private int headers(Catalogue catalogue, PrintWriter out) throws IOException {
        if (id != null || console) throw new IllegalArgumentException("--headers covers every SQL file: give no ID or --console");
        if (check) {
            Map<Path, String> stale = SqlHeaders.stale(catalogue);
            stale.keySet().forEach(f -> out.println("stale or missing header: " + f));
            out.println(stale.isEmpty() ? "every SQL file's header is up to date" : stale.size() + " SQL file(s) need `kvik sql --headers`");
            return stale.isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERRORS;
        }
        List<Path> written = SqlHeaders.write(catalogue);
        written.forEach(f -> out.println("wrote header: " + f));
        out.println(written.size() + " SQL file(s) written, " + (SqlHeaders.byFile(catalogue).size() - written.size())
                + " already up to date");
        return ExitCodes.OK;
    }

    private String console(Indicator indicator, KvikHome home) throws IOException, SQLException {
        Period p = period != null ? Periods.parse(period) : lastYear(StoreManifest.read(store));
        Map<String, Object> overrides = new LinkedHashMap<>(params);
        overrides.put(Indicator.PERIOD_START, p.start().toString());
        overrides.put(Indicator.PERIOD_END, p.end().toString());
        Map<String, Object> values = indicator.parameterValues(overrides);
        Map<String, ConsoleScript.Parameter> parameters = new LinkedHashMap<>();
        for (String name : indicator.sql().parameterNames()) {
            parameters.put(name, new ConsoleScript.Parameter(indicator.parameterTypes().get(name), values.get(name)));
        }
        String title = "kvik console script for " + indicator.id() + " " + indicator.meta().version() + ", period "
                + p.label() + " [" + p.start() + ", " + p.end() + ")\nmade by: kvik sql " + indicator.id()
                + " --console; the query is " + home.root().relativize(indicator.sqlFile().toAbsolutePath().normalize());
        return ConsoleScript.of(title, indicator.sql().text(), parameters, store, home);
    }

    /** The last year any live delivery of the store holds rows for. */
    private static Period lastYear(StoreManifest manifest) {
        int year = manifest.deliveries().stream().flatMap(d -> d.files().stream())
                .map(StoreManifest.PartFile::year).filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).max()
                .orElseThrow(() -> new IllegalArgumentException("the store has no deliveries: give --period"));
        return Periods.parse(Integer.toString(year));
    }
}
