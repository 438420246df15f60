package no.kvik.store;

import static no.kvik.store.BoundSql.identifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.kvik.contract.Contract;
import no.kvik.contract.ContractColumn;
import no.kvik.contract.ColumnType;

/**
 * Dense integer person keys: a store-wide dictionary (person id to BIGINT from 1, in the order ids first reached
 * the store, within one delivery in id order) kept as one Parquet file named in the manifest
 * ({@link StoreManifest.PersonDictionary}) and replaced with it in the same atomic switch, so a failed ingest leaves
 * the previous dictionary. Each delivery of a contract with a person id column ({@value #ID_COLUMN}) stores the key
 * beside the id ({@value #KEY_COLUMN}).
 *
 * <p>{@link Store#open} then adds the schema {@value #SCHEMA}: the same registry views with the key in place of the
 * id under the id's name (and the curated reference views over them), but only when every live delivery of such a
 * contract carries keys from the dictionary. The engine runs indicator SQL with {@value #SCHEMA} first on its search
 * path, so the SQL files stay as they are and per-person joins and groupings run on integers; the store's own views,
 * which users and notebooks query by person id, keep the text. The keys mean nothing outside their store and never
 * leave it: no result, log or manifest holds one, and the dictionary stays in the store's {@code persons/} folder.
 */
public final class PersonKeys {
    /** The person id column: the same name in every contract that has one. */
    public static final String ID_COLUMN = "patient_id";
    /** The key column stored beside it. */
    public static final String KEY_COLUMN = "patient_key";
    /** The schema of the keyed views, first on the search path while the engine binds indicator SQL. */
    public static final String SCHEMA = "kvik_keyed";
    /** The folder of the dictionary files, beside {@code data/} (which holds only the deliveries' files). */
    static final String DICTIONARY_DIR = "persons";
    /** The temp table of the dictionary during one ingest. */
    static final String TABLE = "_persons";

    private PersonKeys() {
    }

    /** The index of the contract's person id column, or -1 when it has none (or not as text). */
    static int idIndex(Contract contract) {
        List<ContractColumn> cols = contract.columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(ID_COLUMN) && cols.get(i).type() == ColumnType.VARCHAR) return i;
        }
        return -1;
    }

    /** {@code CREATE TEMP TABLE _persons}, filled from the dictionary's segments (none: empty). */
    static List<String> loadDictionary(List<Path> segments) {
        String create = "CREATE OR REPLACE TEMP TABLE " + TABLE + " (person_id VARCHAR, person_key BIGINT)";
        if (segments.isEmpty()) return List.of(create);
        return List.of(create, "INSERT INTO " + TABLE + " SELECT person_id, person_key FROM read_parquet(["
                + String.join(", ", segments.stream().map(p -> BoundSql.literal(p.toString())).toList()) + "])");
    }

    /**
     * Adds the file's new person ids (raw column {@code _r<i>}, as trimmed at load; NULLs left out) to the dictionary
     * with the next keys, in id order so the same deliveries in the same order give the same keys.
     */
    static String addNewIds(int idIndex) {
        String raw = "_r" + idIndex;
        // an ANTI JOIN, not NOT EXISTS: DuckDB decorrelates NOT EXISTS into a delim join that also joins the whole
        // dictionary to the file's ids (inner join, then anti join), measured 2.0 of 3.2 s operator time on a
        // scale-0.3 prescription file; person_id is never NULL, so both keep the same ids
        return "INSERT INTO " + TABLE + " SELECT v, (SELECT coalesce(max(person_key), 0) FROM " + TABLE
                + ") + row_number() OVER (ORDER BY v) FROM (SELECT DISTINCT " + raw + " AS v FROM "
                + ValidationSql.RAW_TABLE + " WHERE " + raw + " IS NOT NULL) n ANTI JOIN " + TABLE
                + " p ON p.person_id = n.v";
    }

    /** The segment of the ids with keys above {@code lastKey} (the ones this ingest added) written to {@code file}. */
    static String writeSegment(Path file, long lastKey) {
        return "COPY (SELECT person_id, person_key FROM " + TABLE + " WHERE person_key > " + lastKey
                + " ORDER BY person_key) TO " + BoundSql.literal(file.toString()) + " (FORMAT parquet)";
    }

    /**
     * True when the views of the keyed schema may be built: the store has a dictionary and every live delivery of a
     * contract with a person id carries its keys.
     */
    static boolean keyed(StoreManifest manifest, java.util.Collection<Contract> contracts) {
        if (manifest.persons() == null) return false;
        Set<String> withKeys = Set.copyOf(manifest.persons().deliveries());
        for (Contract c : contracts) {
            if (idIndex(c) < 0) continue;
            for (StoreManifest.Delivery d : manifest.deliveries(c.id())) {
                if (!withKeys.contains(d.id())) return false;
            }
        }
        return true;
    }

    /** The keyed {@code <contract>_all} view: as {@link Store#allView}, the key under the id's name. */
    static String allView(Contract c, List<String> files) {
        String view = Store.allView(c, files);
        String id = identifier(ID_COLUMN);
        String from = files.isEmpty() ? "CAST(NULL AS VARCHAR) AS " + id : "CAST(" + id + " AS VARCHAR) AS " + id;
        String to = files.isEmpty() ? "CAST(NULL AS BIGINT) AS " + id
                : "CAST(" + identifier(KEY_COLUMN) + " AS BIGINT) AS " + id;
        if (!view.contains(from)) throw new IllegalStateException("no person id column in the view of " + c.id());
        return view.replace("CREATE OR REPLACE VIEW " + identifier(c.id() + "_all"),
                "CREATE OR REPLACE VIEW " + SCHEMA + "." + identifier(c.id() + "_all")).replace(from, to);
    }

    /** The keyed {@code <contract>} view over the keyed {@code <contract>_all}. */
    static String usableView(Contract c) {
        return Store.usableView(c).replace("CREATE OR REPLACE VIEW " + identifier(c.id()) + " AS",
                "CREATE OR REPLACE VIEW " + SCHEMA + "." + identifier(c.id()) + " AS").replace(
                "FROM " + identifier(c.id() + "_all"), "FROM " + SCHEMA + "." + identifier(c.id() + "_all"));
    }

    /** Contracts with a person id, for the keyed schema. */
    static List<Contract> withPersonId(java.util.Collection<Contract> contracts) {
        List<Contract> out = new ArrayList<>();
        for (Contract c : contracts) if (idIndex(c) >= 0) out.add(c);
        return out;
    }
}
