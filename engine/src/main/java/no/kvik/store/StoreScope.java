package no.kvik.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import no.kvik.contract.Contract;
import no.kvik.reference.ReferenceData;

/**
 * What of a store {@link Store#open(Path, no.kvik.config.KvikHome, no.kvik.sql.DuckDb.Settings, StoreScope)} creates:
 * everything (the default: notebooks, {@code kvik sql}, releases), or only what some SQL texts read, directly and
 * through the curated reference views and macros ({@link SqlDependencies}). Opening a store creates 21 reference
 * tables from CSV, two views per contract (22) and runs 47 reference files, twice over with person keys; a
 * {@code kvik run} of one indicator reads a few of them. In a scope, a contract's views are created when the texts name {@code <id>} or
 * {@code <id>_all} or when the contract belongs to one of the given registries (the engine reads their coverage from
 * {@value Store#COVERAGE_VIEW}); a reference table or file when the closure reaches it. The delivery views are always
 * there. A name the scope leaves out is not there at all, so SQL that reads it fails with DuckDB's own error rather
 * than reading something else.
 */
public final class StoreScope {
    private static final StoreScope EVERYTHING = new StoreScope(null, Set.of());

    private final SqlDependencies.Closure closure;
    private final Set<String> registries;

    private StoreScope(SqlDependencies.Closure closure, Set<String> registries) {
        this.closure = closure;
        this.registries = registries;
    }

    /** The whole store: every contract, reference table and reference file. */
    public static StoreScope everything() {
        return EVERYTHING;
    }

    /**
     * What {@code sqlTexts} read, with the contracts of {@code registries}, the reference SQL being that of
     * {@code referenceSqlDir}.
     */
    public static StoreScope reading(Collection<String> sqlTexts, Collection<String> registries, Path referenceSqlDir)
            throws SQLException {
        try {
            SqlDependencies dependencies = SqlDependencies.of(referenceSqlDir);
            return new StoreScope(dependencies.closure(String.join("\n;\n", sqlTexts)), Set.copyOf(registries));
        } catch (IOException e) {
            throw new SQLException("cannot read the reference SQL of " + referenceSqlDir + ": " + e.getMessage(), e);
        }
    }

    public boolean isEverything() {
        return closure == null;
    }

    boolean includes(Contract c) {
        return closure == null || registries.contains(c.registry()) || closure.names().contains(c.id())
                || closure.names().contains(c.id() + "_all");
    }

    boolean includesReferenceTable(Path csv) {
        return closure == null || closure.names().contains(ReferenceData.tableName(csv));
    }

    boolean includesReferenceFile(Path sqlFile) {
        return closure == null || closure.files().contains(sqlFile);
    }
}
