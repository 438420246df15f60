import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.catalog.*;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.store.Store;

/**
 * Which Parquet columns each indicator's case query reads that it never names (issue #17, projection).
 * For every indicator (or the ids given), the physical plan ({@code EXPLAIN (FORMAT json)}) of its case query as the
 * engine prepares it: {@code SELECT * FROM (<query>)} with the parameters bound through JDBC, the keyed views first
 * on the search path. Per READ_PARQUET node it lists the columns read (projections and the columns of pushed
 * filters) and those of them no SQL the query reaches names: the indicator file and, transitively, the reference
 * macros and views it calls (comments left out). That test is conservative: a column named anywhere in that SQL
 * counts as needed, even when it is named for another source. {@code _errors} (the usable views' filter) and
 * {@code patient_key} (read for {@code patient_id}) count as needed when the view needs them.
 * Output: one TSV row per scan (indicator, scan, candidate contracts, read, unneeded) and a summary.
 * Modes (first argument):
 * <ul>
 *   <li>none: "unneeded" = read columns no SQL the query reaches names (words of the indicator file and of the
 *   reference files it reaches; coarse: a name used for another source counts);</li>
 *   <li>{@code --probe}: "unneeded" = read columns whose removal from the registry's views (schema probe first on the
 *   search path) leaves the query binding with the same output; check a hit by hand, DuckDB binds a name missing in
 *   a FROM subquery laterally to the other side (the OECD dispensing subquery's patient_key shows so);</li>
 *   <li>{@code --inline-compare}: per indicator and registry, the columns the engine's real statement (reduction, or
 *   case table for a logistic risk model) reads against the same with every CTE NOT MATERIALIZED;</li>
 *   <li>{@code --inline-time STORE YEAR ROUNDS ID...}: process CPU of that statement as written and inlined,
 *   interleaved, medians, and a row check.</li>
 * </ul>
 * E.g. {@code KVIK_HOME=. java -cp engine/target/kvik.jar engine/bench/projection-audit/ProjectionAudit.java
 * [--probe | --inline-compare] STORE 2023 [ID ...]}
 */
public class ProjectionAudit {
    static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern DEFINES = Pattern.compile("(?i)CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMP\\s+|TEMPORARY\\s+)?(?:MACRO|VIEW|TABLE)\\s+(?:[a-z_]+\\.)?([a-z_][a-z0-9_]*)");

    static String withoutComments(String sql) { return sql.replaceAll("--[^\n]*", " ").replaceAll("(?s)/\\*.*?\\*/", " "); }

    static Set<String> words(String sql) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(withoutComments(sql));
        while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
        return out;
    }

    /** The words of the query and of every reference file it reaches through the names those files define. */
    static Set<String> reachedWords(String query, Map<String, String> definedIn, Map<String, Set<String>> fileWords) {
        Set<String> words = new HashSet<>(words(query));
        Deque<String> todo = new ArrayDeque<>(words);
        Set<String> filesSeen = new HashSet<>();
        while (!todo.isEmpty()) {
            String file = definedIn.get(todo.pop());
            if (file == null || !filesSeen.add(file)) continue;
            for (String w : fileWords.get(file)) if (words.add(w)) todo.add(w);
        }
        return words;
    }

    static void scans(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) { for (JsonNode n : node) scans(n, out); return; }
        if (node.path("name").asText().trim().equals("READ_PARQUET")) out.add(node.path("extra_info"));
        for (JsonNode child : node.path("children")) scans(child, out);
    }

    static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) for (JsonNode x : n) out.add(x.asText()); else if (!n.isMissingNode()) out.add(n.asText());
        return out;
    }

    static PreparedStatement prepared(Connection c, Indicator ind, Map<String, Object> values, String prefix) throws Exception {
        PreparedStatement ps = c.prepareStatement(prefix + "SELECT * FROM (\n" + ind.sql().jdbcText() + "\n) AS indicator_query");
        List<String> occ = ind.sql().occurrences();
        for (int k = 0; k < occ.size(); k++) ind.parameterTypes().get(occ.get(k)).bind(ps, k + 1, values.get(occ.get(k)));
        return ps;
    }

    /** The case query's output columns and types with this search path, or null when it does not bind. */
    static String outputOf(Connection c, Indicator ind, Map<String, Object> values, String searchPath) throws Exception {
        try (Statement st = c.createStatement()) { st.execute("SET search_path = '" + searchPath + "'"); }
        try (PreparedStatement ps = prepared(c, ind, values, "DESCRIBE ")) {
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(';'); }
            return out.toString();
        } catch (java.sql.SQLException e) {
            return null;
        }
    }

    /**
     * True when the case query still binds, with the same output columns, over views of the candidate contracts
     * without {@code column} (schema probe first on the search path; macros resolve through it when called): then
     * no SQL the query runs names that column of those sources, and reading it is waste.
     */
    static boolean binds(Connection c, Indicator ind, Map<String, Object> values, List<String> candidates, String column,
                         Contracts contracts, boolean keyed, String expected) throws Exception {
        // a name still bound without the column is not this source's, with one exception to check by hand: DuckDB
        // joins a FROM subquery laterally, so a name missing there may bind to the other side's column (a column
        // of another type is no test: DESCRIBE binds a comparison of BIGINT with STRUCT, the cast fails on data)
        return probeBinds(c, ind, values, candidates, column, contracts, keyed, expected, "EXCLUDE (\"" + column + "\")");
    }

    static boolean probeBinds(Connection c, Indicator ind, Map<String, Object> values, List<String> candidates, String column,
                              Contracts contracts, boolean keyed, String expected, String starModifier) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS probe CASCADE");
            st.execute("CREATE SCHEMA probe");
            boolean any = false;
            for (String id : candidates) {
                Contract contract = contracts.byId(id).orElseThrow();
                if (!contract.columnNames().contains(column) && !Store.STORE_COLUMNS.contains(column)) continue;
                boolean hasKeys = keyed && contract.columnNames().contains("patient_id");
                String from = hasKeys ? "kvik_keyed." : "main.";
                for (String view : List.of(id, id + "_all")) {
                    // the usable view has the contract's columns and _year, the _all view the store's columns too
                    boolean has = view.endsWith("_all") || contract.columnNames().contains(column) || column.equals("_year");
                    st.execute("CREATE VIEW probe.\"" + view + "\" AS SELECT * " + (has ? starModifier : "") + " FROM " + from + "\"" + view + "\"");
                }
                any = true;
            }
            if (!any) return false;
        }
        String got = outputOf(c, ind, values, "probe,kvik_keyed,main");
        return got != null && got.equals(expected);
    }

    static final Pattern CTE_HEAD = Pattern.compile("(?i)(\\bWITH\\s+(?:RECURSIVE\\s+)?|\\)\\s*,\\s*)([a-z_][a-z0-9_]*)\\s+AS\\s+\\(");

    /** The SQL with every CTE marked NOT MATERIALIZED (comments left out): DuckDB then inlines it and prunes columns. */
    static String inlined(String sql) {
        return CTE_HEAD.matcher(withoutComments(sql)).replaceAll("$1$2 AS NOT MATERIALIZED (");
    }

    /** The statement the engine runs for the indicator's cases: the case table (risk models) or the reduction. */
    static String engineStatement(Indicator ind, String query) {
        no.kvik.catalog.RiskModel model = no.kvik.catalog.RiskModel.of(ind.meta());
        boolean keepsCases = model != null && model.family() != no.kvik.catalog.RiskModel.Family.LINEAR;
        return keepsCases ? "SELECT * FROM (\n" + query + "\n) AS indicator_query"
                : no.kvik.engine.Engine.reducedSql(query, ind.meta().measure().quantile() != null);
    }

    /** Per contract-candidate key, the union of the columns its READ_PARQUET nodes read in this plan. */
    static Map<String, Set<String>> readsByContract(String plan, Map<String, Set<String>> contractColumns) throws Exception {
        List<JsonNode> scans = new ArrayList<>();
        scans(new ObjectMapper().readTree(plan), scans);
        Map<String, Set<String>> out = new TreeMap<>();
        for (JsonNode s : scans) {
            Set<String> read = new TreeSet<>();
            for (String p : texts(s.path("Projections"))) read.add(p.trim().toLowerCase(Locale.ROOT));
            for (String f : texts(s.path("Filters"))) read.addAll(words(f.replaceAll("'[^']*'", " ")));
            // the contract: the one whose columns hold every projected column and most of the filter words
            String best = null; int bestHits = -1;
            for (var e : contractColumns.entrySet()) {
                int hits = 0; for (String r : read) if (e.getValue().contains(r)) hits++;
                if (hits > bestHits) { best = e.getKey(); bestHits = hits; }
            }
            Set<String> cols = new TreeSet<>(read); cols.retainAll(contractColumns.get(best));
            out.computeIfAbsent(best, k -> new TreeSet<>()).addAll(cols);
        }
        return out;
    }

    static String explain(Connection c, Indicator ind, Map<String, Object> values, String statement) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT json) " + statement)) {
            List<String> occ = ind.sql().occurrences();
            for (int k = 0; k < occ.size(); k++) ind.parameterTypes().get(occ.get(k)).bind(ps, k + 1, values.get(occ.get(k)));
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getString(2); }
        }
    }

    /**
     * The columns each indicator reads, per contract, in the statement the engine runs, against the same with every
     * CTE (the indicator's and the reference macros') inlined: DuckDB 1.4 stops pruning columns around a
     * materialised CTE, so the inlined plan shows what the query needs.
     */
    static void compare(Path store, int year, List<String> ids) throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        Catalogue cat = ids.isEmpty() ? Catalogue.load(home.indicators(), contracts) : Catalogue.loadOnly(home.indicators(), contracts, ids);
        Map<String, Set<String>> contractColumns = new TreeMap<>();
        for (Contract c : contracts.all()) {
            Set<String> cols = new HashSet<>(c.columnNames());
            cols.addAll(Store.STORE_COLUMNS);
            if (cols.contains("patient_id")) cols.add("patient_key");
            contractColumns.put(c.id(), cols);
        }
        Map<String, Map<String, Set<String>>> actual = new LinkedHashMap<>();
        try (Connection c = Store.open(store, home); Statement st = c.createStatement()) {
            st.execute("SET search_path = 'kvik_keyed,main'");
            for (Indicator ind : cat.all()) {
                Map<String, Object> values = new LinkedHashMap<>(ind.parameterValues(Map.of()));
                values.put(Indicator.PERIOD_START, LocalDate.of(year, 1, 1));
                values.put(Indicator.PERIOD_END, LocalDate.of(year + 1, 1, 1));
                actual.put(ind.id(), readsByContract(explain(c, ind, values, engineStatement(ind, ind.sql().jdbcText())), contractColumns));
            }
            // the reference macros again, every CTE inlined (in main, where Store.open made them)
            st.execute("SET search_path = 'main'");
            try (var files = Files.list(home.sql().resolve("reference"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                    String text = Files.readString(f);
                    if (text.contains("MACRO")) st.execute(inlined(text));
                }
            }
            st.execute("SET search_path = 'kvik_keyed,main'");
            int wasteful = 0; long wastedColumns = 0;
            System.out.println("indicator\tcontract\tread\tread_when_inlined\textra");
            for (Indicator ind : cat.all()) {
                Map<String, Object> values = new LinkedHashMap<>(ind.parameterValues(Map.of()));
                values.put(Indicator.PERIOD_START, LocalDate.of(year, 1, 1));
                values.put(Indicator.PERIOD_END, LocalDate.of(year + 1, 1, 1));
                Map<String, Set<String>> ideal;
                try {
                    ideal = readsByContract(explain(c, ind, values, engineStatement(ind, inlined(ind.sql().jdbcText()))), contractColumns);
                } catch (java.sql.SQLException e) {
                    System.out.println(ind.id() + "\t-\t-\t-\tinlined plan failed: " + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                boolean any = false;
                for (var e : actual.get(ind.id()).entrySet()) {
                    Set<String> extra = new TreeSet<>(e.getValue());
                    extra.removeAll(ideal.getOrDefault(e.getKey(), Set.of()));
                    if (!extra.isEmpty()) { any = true; wastedColumns += extra.size(); }
                    System.out.println(ind.id() + "\t" + e.getKey() + "\t" + String.join(",", e.getValue()) + "\t"
                            + String.join(",", ideal.getOrDefault(e.getKey(), Set.of())) + "\t" + String.join(",", extra));
                }
                if (any) wasteful++;
            }
            System.out.printf(Locale.ROOT, "# projection-audit inline-compare: %d indicators; %d read %d (indicator, contract, column) reads more than with their CTEs inlined%n",
                    actual.size(), wasteful, wastedColumns);
        }
    }

    static double cpu() { return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9; }

    /**
     * Process CPU seconds of the statement the engine runs for each indicator, as written and with every CTE inlined
     * (the reference macros again in schema inl, first on the search path for the inlined runs), interleaved rounds
     * after one warm-up each, medians; and a row check of the two results (EXCEPT ALL both ways).
     */
    static void time(Path store, int year, int rounds, List<String> ids) throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        try (Connection c = Store.open(store, home); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA inl");
            st.execute("SET search_path = 'inl,main'");
            try (var files = Files.list(home.sql().resolve("reference"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                    String text = Files.readString(f);
                    if (text.contains("MACRO")) st.execute(inlined(text).replace("CREATE OR REPLACE MACRO ", "CREATE OR REPLACE MACRO inl."));
                }
            }
            for (String id : ids) {
                Indicator ind = cat.get(id);
                Map<String, Object> values = new LinkedHashMap<>(ind.parameterValues(Map.of()));
                values.put(Indicator.PERIOD_START, LocalDate.of(year, 1, 1));
                values.put(Indicator.PERIOD_END, LocalDate.of(year + 1, 1, 1));
                List<Double> asWritten = new ArrayList<>(), inl = new ArrayList<>();
                for (int r = -1; r < rounds; r++) {
                    for (boolean inline : new boolean[] {false, true}) {
                        st.execute("SET search_path = '" + (inline ? "inl,kvik_keyed,main" : "kvik_keyed,main") + "'");
                        String sql = "CREATE OR REPLACE TEMP TABLE " + (inline ? "t_inl" : "t_asis") + " AS "
                                + engineStatement(ind, inline ? inlined(ind.sql().jdbcText()) : ind.sql().jdbcText());
                        double c0 = cpu();
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            List<String> occ = ind.sql().occurrences();
                            for (int k = 0; k < occ.size(); k++) ind.parameterTypes().get(occ.get(k)).bind(ps, k + 1, values.get(occ.get(k)));
                            ps.execute();
                        }
                        if (r >= 0) (inline ? inl : asWritten).add(cpu() - c0);
                    }
                }
                long diff;
                try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM (SELECT * FROM temp.t_asis EXCEPT ALL SELECT * FROM temp.t_inl)) + (SELECT count(*) FROM (SELECT * FROM temp.t_inl EXCEPT ALL SELECT * FROM temp.t_asis))")) { rs.next(); diff = rs.getLong(1); }
                Collections.sort(asWritten); Collections.sort(inl);
                System.out.printf(Locale.ROOT, "projection-audit time %s: as written %.2f CPU s, CTEs inlined %.2f CPU s (medians of %d; %d rows differ)%n",
                        id, asWritten.get(rounds / 2), inl.get(rounds / 2), rounds, diff);
            }
        }
    }

    public static void main(String[] a) throws Exception {
        if (a[0].equals("--inline-time")) { time(Path.of(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), Arrays.asList(a).subList(4, a.length)); return; }
        if (a[0].equals("--inline-compare")) { compare(Path.of(a[1]), Integer.parseInt(a[2]), Arrays.asList(a).subList(3, a.length)); return; }
        boolean probe = a[0].equals("--probe");
        if (probe) a = Arrays.copyOfRange(a, 1, a.length);
        Path store = Path.of(a[0]); int year = Integer.parseInt(a[1]);
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        Catalogue cat = a.length > 2 ? Catalogue.loadOnly(home.indicators(), contracts, Arrays.asList(a).subList(2, a.length))
                : Catalogue.load(home.indicators(), contracts);
        Map<String, String> definedIn = new HashMap<>();
        Map<String, Set<String>> fileWords = new HashMap<>();
        try (var files = Files.list(home.sql().resolve("reference"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                String text = Files.readString(f);
                fileWords.put(f.getFileName().toString(), words(text));
                Matcher m = DEFINES.matcher(withoutComments(text));
                while (m.find()) definedIn.put(m.group(1).toLowerCase(Locale.ROOT), f.getFileName().toString());
            }
        }
        Map<String, Set<String>> contractColumns = new TreeMap<>();
        for (Contract c : contracts.all()) {
            Set<String> cols = new HashSet<>(c.columnNames());
            cols.addAll(Store.STORE_COLUMNS);
            if (cols.contains("patient_id")) cols.add("patient_key");
            contractColumns.put(c.id(), cols);
        }
        ObjectMapper json = new ObjectMapper();
        int indicators = 0, wasteful = 0, scanCount = 0, wastefulScans = 0;
        Map<String, Integer> byReference = new TreeMap<>();
        System.out.println("indicator\tscan\tcontracts\tread\tunneeded");
        try (Connection c = Store.open(store, home); Statement st = c.createStatement()) {
            boolean keyed = true;
            st.execute("SET search_path = 'kvik_keyed,main'");
            for (Indicator ind : cat.all()) {
                Map<String, Object> values = new LinkedHashMap<>(ind.parameterValues(Map.of()));
                values.put(Indicator.PERIOD_START, LocalDate.of(year, 1, 1));
                values.put(Indicator.PERIOD_END, LocalDate.of(year + 1, 1, 1));
                String plan;
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT json) SELECT * FROM (\n" + ind.sql().jdbcText() + "\n) AS indicator_query")) {
                    List<String> occ = ind.sql().occurrences();
                    for (int k = 0; k < occ.size(); k++) ind.parameterTypes().get(occ.get(k)).bind(ps, k + 1, values.get(occ.get(k)));
                    try (ResultSet rs = ps.executeQuery()) { rs.next(); plan = rs.getString(2); }
                }
                Set<String> named = reachedWords(ind.sql().text(), definedIn, fileWords);
                if (named.contains("patient_id")) named.add("patient_key");
                named.add("_errors");
                List<JsonNode> scans = new ArrayList<>();
                scans(json.readTree(plan), scans);
                indicators++;
                boolean any = false;
                int k = 0;
                for (JsonNode s : scans) {
                    Set<String> read = new LinkedHashSet<>();
                    for (String p : texts(s.path("Projections"))) read.add(p.trim().toLowerCase(Locale.ROOT));
                    Set<String> candidatesWords = new HashSet<>();
                    for (String f : texts(s.path("Filters"))) candidatesWords.addAll(words(f.replaceAll("'[^']*'", " ")));
                    List<String> candidates = new ArrayList<>();
                    for (var e : contractColumns.entrySet()) if (e.getValue().containsAll(read)) candidates.add(e.getKey());
                    for (String w : candidatesWords) {
                        boolean isColumn = false;
                        for (String cid : candidates) isColumn |= contractColumns.get(cid).contains(w);
                        if (isColumn) read.add(w);
                    }
                    List<String> unneeded = new ArrayList<>(read.stream().filter(col -> !named.contains(col)).toList());
                    List<String> unusedByProbe = new ArrayList<>();
                    if (probe) {
                        for (String col : read) {
                            if (col.equals("_errors")) continue;
                            String viewCol = col.equals("patient_key") ? "patient_id" : col;
                            if (binds(c, ind, values, candidates, viewCol, contracts, keyed, outputOf(c, ind, values, "kvik_keyed,main"))) unusedByProbe.add(col);
                        }
                        st.execute("SET search_path = 'kvik_keyed,main'");
                    }
                    scanCount++;
                    List<String> flagged = probe ? unusedByProbe : unneeded;
                    if (!flagged.isEmpty()) { wastefulScans++; any = true; }
                    System.out.println(ind.id() + "\t" + (k++) + "\t" + String.join("|", candidates) + "\t" + String.join(",", read)
                            + "\t" + String.join(",", flagged));
                }
                if (any) {
                    wasteful++;
                    for (String w : named) if (definedIn.containsKey(w) && definedIn.get(w).startsWith("table_")) byReference.merge(definedIn.get(w), 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "# projection-audit: %d indicators, %d Parquet scans; %d scans in %d indicators read columns no reached SQL names%n",
                indicators, scanCount, wastefulScans, indicators == 0 ? 0 : wasteful);
        System.out.println("# table macros reached by those indicators: " + byReference);
    }
}
