package no.kvik.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import no.kvik.store.Store;
import no.kvik.store.StoreManifest;

/**
 * The data-quality lines a release's findings read, computed only for the contracts its indicators read and kept for
 * the next release of the same process (the editions of one {@code kvik bench-release} year, a notebook releasing
 * several editions): a contract's lines are reused only while its deliveries in the store (ids, files and SHA-256)
 * and the kvik home's SQL (contracts, indicators, reference macros) and reference data (name, size and modification
 * time of every file) are what they were when they were computed, so they are never stale. Before, every release
 * rebuilt the whole store's report (every contract) and kept a few sources of it: on six scale-1 years the contents
 * of edition 2025-3 took 189 s wall with main's code, 82 s with only its sources (engine/docs/performance.md).
 *
 * <p>Only the latest store's and home's lines are kept (a new store or home state empties the cache), so memory stays
 * at one store's report.
 */
final class ReleaseQuality {
    /** What a contract's lines depend on beside the contract id: the store, its deliveries, the home's files. */
    private record Key(Path store, String homeState, List<StoreManifest.Delivery> deliveries) {
    }

    private static final Map<String, Entry> CACHE = new LinkedHashMap<>();

    private record Entry(Key key, List<QualityRow> lines) {
    }

    /** Contracts computed (not reused) since the process started, for tests. */
    private static int computed;

    private ReleaseQuality() {
    }

    /**
     * The quality lines of {@code contractIds} on the store the connection reads (its manifest generation), in the
     * order {@link QualityReport#build} gives them; the lines of contracts not kept for this store state are computed,
     * {@code threads} contracts at once (each on its own duplicate of the connection).
     */
    static synchronized List<QualityRow> lines(Connection connection, Path storeDir, KvikHome home,
                                               Collection<String> contractIds, int threads) throws SQLException {
        StoreManifest manifest = Store.manifest(connection);
        Path store = storeDir.toAbsolutePath().normalize();
        String homeState = homeState(home);
        Map<String, Key> keys = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : new TreeSet<>(contractIds)) {
            Key key = new Key(store, homeState, manifest.deliveries(id));
            keys.put(id, key);
            Entry kept = CACHE.get(id);
            if (kept == null || !kept.key().equals(key)) missing.add(id);
        }
        // keep one store state: lines of another store or home are dropped rather than piling up
        CACHE.values().removeIf(e -> !e.key().store().equals(store) || !e.key().homeState().equals(homeState));
        if (!missing.isEmpty()) {
            Map<String, List<QualityRow>> fresh = QualityReport.contractLines(connection, home, missing,
                    QualityReport.Expected.STORE, threads);
            for (String id : missing) {
                CACHE.put(id, new Entry(keys.get(id), fresh.getOrDefault(id, List.of())));
                computed++;
            }
        }
        // the report's order: contracts in the catalogue's contract order
        List<QualityRow> out = new ArrayList<>();
        Set<String> wanted = keys.keySet();
        for (Contract c : Contracts.load(home.contracts()).all()) {
            if (wanted.contains(c.id())) out.addAll(CACHE.get(c.id()).lines());
        }
        return out;
    }

    /** How many contracts' lines were computed rather than reused since the process started. */
    static synchronized int computedContracts() {
        return computed;
    }

    /** Name, size and modification time of every file of the home's SQL and reference data: changes when any of them does. */
    private static String homeState(KvikHome home) {
        StringBuilder sb = new StringBuilder();
        for (Path dir : List.of(home.sql(), home.reference())) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    sb.append(f).append(' ').append(Files.size(f)).append(' ')
                      .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return ReleaseFiles.sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
