package no.kvik.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A reader's claim on the Parquet files of the manifest generation it opened ({@code STORE/readers/<pid>-<n>.json}).
 * An ingester deletes a file that has left the manifest only when no lease of a live process lists it, so a run that
 * started before a replacing ingest keeps reading the files it opened. A lease goes when its reader closes; the lease
 * of a process that died (kill -9) is removed by the next ingest or {@code gc}, as its process id is no longer alive
 * (or now belongs to a process started at another instant).
 */
public final class ReaderLease implements AutoCloseable {
    static final String DIR = "readers";
    private static final String SUFFIX = ".json";
    private static final int MAX_ATTEMPTS = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The lease file's content.
     *
     * @param pid          process id of the reader
     * @param processStart when that process started (ISO instant), to tell a reused process id; null if unknown
     * @param generation   the manifest generation the reader opened
     * @param files        the Parquet files it reads, relative to the store folder
     */
    record Lease(long pid, String processStart, long generation, String openedAt, List<String> files) {
        Lease {
            files = List.copyOf(files);
        }
    }

    private final Path file;
    private final StoreManifest manifest;

    private ReaderLease(Path file, StoreManifest manifest) {
        this.file = file;
        this.manifest = manifest;
    }

    /** The manifest this reader holds: every file it lists stays on disk until {@link #close}. */
    public StoreManifest manifest() {
        return manifest;
    }

    /**
     * Reads the current manifest and leases its files. The lease is written, then the manifest read again: if a switch
     * came in between and dropped one of the leased files, the ingester may not have seen the lease before deleting,
     * so the reader starts over with the new manifest. Otherwise every later switch reads the lease before it deletes.
     */
    public static ReaderLease acquire(Path storeDir) {
        Path store = storeDir.toAbsolutePath().normalize();
        Path dir = store.resolve(DIR);
        Path file = null;
        try {
            Files.createDirectories(dir);
            String name = ProcessHandle.current().pid() + "-" + Long.toHexString(RANDOM.nextLong() >>> 1);
            file = dir.resolve(name + SUFFIX);
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                StoreManifest opened = StoreManifest.read(store);
                write(file, name, leaseOf(opened));
                if (StoreManifest.read(store).files().containsAll(opened.files())) {
                    return new ReaderLease(file, opened);
                }
            }
            throw new StoreException(store + ": the manifest changed on every one of " + MAX_ATTEMPTS
                    + " attempts to open it");
        } catch (IOException e) {
            deleteQuietly(file);
            throw new StoreException(dir + ": cannot write the reader lease: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static Lease leaseOf(StoreManifest m) {
        ProcessHandle self = ProcessHandle.current();
        return new Lease(self.pid(), self.info().startInstant().map(Instant::toString).orElse(null), m.generation(),
                Instant.now().toString(), List.copyOf(m.files()));
    }

    /** Written beside and moved into place, so an ingester never reads half a lease. */
    private static void write(Path file, String name, Lease lease) throws IOException {
        Path tmp = file.resolveSibling("." + name + ".tmp");
        StoreManifest.JSON.writeValue(tmp.toFile(), lease);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The files held by the leases of live readers (paths relative to the store folder); removes the leases of dead
     * processes. Empty when nothing is held; {@link Optional#empty()} when a lease cannot be read, in which case the
     * caller deletes nothing (a reader's claim is never guessed away). Called under the store lock.
     */
    static Optional<Set<String>> heldFiles(Path store) throws IOException {
        Path dir = store.resolve(DIR);
        Set<String> held = new HashSet<>();
        if (!Files.isDirectory(dir)) return Optional.of(held);
        List<Path> leases;
        try (Stream<Path> s = Files.list(dir)) {
            leases = s.toList();
        }
        boolean unreadable = false;
        for (Path p : leases) {
            String n = p.getFileName().toString();
            if (n.startsWith(".")) {
                // a lease being written: its reader checks the manifest again after the move, so it need not be
                // held here; one left by a dead process is removed with it
                if (deadWriter(n)) deleteQuietly(p);
                continue;
            }
            if (!n.endsWith(SUFFIX)) continue;
            Lease lease;
            try {
                lease = StoreManifest.JSON.readValue(p.toFile(), Lease.class);
            } catch (IOException e) {
                if (Files.exists(p)) unreadable = true;
                continue;
            }
            if (alive(lease)) {
                held.addAll(lease.files());
            } else {
                deleteQuietly(p);
            }
        }
        return unreadable ? Optional.empty() : Optional.of(held);
    }

    /** Whether the lease's process still runs: the same id and, where the OS tells, the same start instant. */
    static boolean alive(Lease lease) {
        Optional<ProcessHandle> p = ProcessHandle.of(lease.pid());
        if (p.isEmpty() || !p.get().isAlive()) return false;
        if (lease.processStart() == null) return true;
        return p.get().info().startInstant().map(i -> i.toString().equals(lease.processStart())).orElse(true);
    }

    private static boolean deadWriter(String tmpName) {
        try {
            long pid = Long.parseLong(tmpName.substring(1, tmpName.indexOf('-')));
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Ends the claim: the next ingest (or gc) may delete files this reader alone held. */
    @Override
    public void close() {
        deleteQuietly(file);
    }

    /** A lease left behind is removed once its process is gone. */
    private static void deleteQuietly(Path p) {
        if (p != null) Ingester.deleteQuietly(p);
    }
}
