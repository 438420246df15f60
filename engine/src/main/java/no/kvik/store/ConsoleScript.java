package no.kvik.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.contract.IngestViews;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.ParameterType;

/**
 * A self-contained DuckDB script that runs one indicator query against a store in the DuckDB CLI or any DuckDB client,
 * with no kvik code in between: the {@code ref_*} tables, registry views and curated reference views and macros the
 * query needs (the macros it calls and the ones those call), created as {@link Store#open} creates them, then the query
 * as a prepared statement and its execution with the given parameter values.
 *
 * <p>What is needed is read from the SQL texts (every identifier outside comments that names a store object), so it
 * is an upper bound; objects come in the order {@link Store#open} creates them, which is the order they depend on.
 */
public final class ConsoleScript {
    /** The name of the prepared statement in the script. */
    public static final String STATEMENT = "kvik_indicator";


    /** A parameter of the query: its type and the value the script executes it with (converted, not null). */
    public record Parameter(ParameterType type, Object value) {
    }

    private ConsoleScript() {
    }

    /**
     * The script for {@code sql} (an indicator query with {@code $name} parameters) on the live deliveries of the store
     * at {@code storeDir}. {@code title} opens the script as a comment (what it is, how it was made).
     */
    public static String of(String title, String sql, Map<String, Parameter> parameters, Path storeDir, KvikHome home)
            throws SQLException, IOException {
        Contracts contracts = Contracts.load(home.contracts());
        StoreManifest manifest = Files.isRegularFile(storeDir.resolve(StoreManifest.FILE_NAME))
                ? StoreManifest.read(storeDir) : StoreManifest.empty();

        // every object a text may name → what creates it
        Map<String, Path> referenceTables = new LinkedHashMap<>();
        for (Path csv : ReferenceData.csvFiles(home.reference())) referenceTables.put(ReferenceData.tableName(csv), csv);
        Map<String, Contract> registryViews = new LinkedHashMap<>();
        for (Contract c : contracts.all()) {
            registryViews.put(c.id(), c);
            registryViews.put(c.id() + "_all", c);
        }
        SqlDependencies dependencies = SqlDependencies.of(home.sql().resolve("reference"));
        Map<Path, String> referenceSql = dependencies.referenceSql();
        // the closure of what the query names, through the reference files it needs
        SqlDependencies.Closure closure = dependencies.closure(sql);
        Set<String> needed = closure.names();
        Set<Path> filesRead = closure.files();

        StringBuilder out = new StringBuilder();
        title.lines().forEach(line -> out.append("-- ").append(line).append('\n'));
        out.append("-- store: ").append(storeDir.toAbsolutePath().normalize()).append(" (manifest generation ")
                .append(manifest.generation()).append("); reference data: ").append(home.reference().toAbsolutePath())
                .append('\n');
        out.append("-- Run: duckdb < this-file.sql, or paste it into any DuckDB client (it creates only views, macros\n"
                + "-- and the ref_* tables it reads, in the session's in-memory database). The views read the Parquet\n"
                + "-- files of this manifest generation: after a later ingest (and kvik store gc) make the script again.\n"
                + "-- Other values: EXECUTE " + STATEMENT + "(name := value, ...) again, every parameter named.\n");
        out.append("\n-- reference tables (data/reference/*.csv, all columns VARCHAR)\n");
        for (Map.Entry<String, Path> t : referenceTables.entrySet()) {
            if (needed.contains(t.getKey())) out.append(ReferenceData.createTableSql(t.getValue())).append(";\n");
        }
        out.append("\n-- registry views over the store's live Parquet files: <contract>_all every stored row, <contract> "
                + "the usable rows\n");
        for (Contract c : contracts.all()) {
            if (needed.contains(c.id()) || needed.contains(c.id() + "_all")) {
                out.append(Store.allView(c, Store.liveFiles(storeDir, manifest, c))).append(";\n");
                out.append(Store.usableView(c)).append(";\n");
            }
        }
        if (needed.contains(IngestViews.FILES) || needed.contains(IngestViews.REJECTIONS)) {
            out.append("\n-- the files delivered and rejected, as this manifest generation lists them\n");
            for (String view : DeliveryViews.create(manifest, contracts)) out.append(view).append(";\n");
        }
        out.append("\n-- curated reference views and macros (sql/reference) the query uses, directly or through each other\n");
        for (Map.Entry<Path, String> f : referenceSql.entrySet()) {
            if (!filesRead.contains(f.getKey())) continue;
            out.append("-- ").append(home.sql().relativize(f.getKey())).append('\n');
            out.append(f.getValue().strip());
            if (!f.getValue().strip().endsWith(";")) out.append(';');
            out.append('\n');
        }
        out.append("\n-- the indicator query\nPREPARE ").append(STATEMENT).append(" AS\n").append(sql.strip()).append(";\n");
        List<String> arguments = new ArrayList<>();
        parameters.forEach((name, p) -> arguments.add(name + " := " + p.type().sqlLiteral(p.value())));
        // DuckDB's parser refuses empty parentheses: a query without parameters is executed by its name alone
        out.append("EXECUTE ").append(STATEMENT)
                .append(arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")").append(";\n");
        return out.toString();
    }

    /** The lower-cased identifiers of an SQL text outside {@code --} comments and string literals. */
    static Set<String> identifiers(String sql) {
        return SqlDependencies.identifiers(sql);
    }
}
