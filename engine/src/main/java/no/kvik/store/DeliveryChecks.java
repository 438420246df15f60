package no.kvik.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.contract.DeliveryName;
import no.kvik.store.FileChecks.Digest;
import no.kvik.store.FileChecks.Rejected;
import no.kvik.store.StoreManifest.Delivery;

/**
 * The first ingest stage, on the file alone and the live manifest, before any row is parsed: its digest, the
 * contract its name matches, the message version its name names (when the contract declares versions), whether it is the live delivery unchanged, whether its {@code --replaces} names are
 * live, whether the same content is live under another name, its line ends, header and encoding.
 */
final class DeliveryChecks {
    /** What the checks decided for one file. */
    sealed interface Verdict permits Rejection, Unchanged, Readable {
    }

    /**
     * The file is rejected whole; {@code lines} is the row count recorded for it; {@code wrongVersion} is what its
     * name says when it was rejected for naming a message version its contract does not accept, else null.
     */
    record Rejection(Digest digest, Contract contract, String reason, long lines, DeliveryName wrongVersion)
            implements Verdict {
    }

    /** The file is the live delivery of its name, byte for byte: nothing to do. */
    record Unchanged(Contract contract, Delivery delivery) implements Verdict {
    }

    /**
     * The file may be read: from {@code readFrom}, the file itself or {@code lfCopy} (its copy with LF line ends,
     * to be deleted after the read), with the {@code header} it declares.
     */
    record Readable(Digest digest, Contract contract, Optional<Delivery> existing, Path readFrom, Path lfCopy,
                    List<String> header) implements Verdict {
    }

    private final Contracts contracts;
    private final Path spillDir;

    DeliveryChecks(Contracts contracts, Path spillDir) {
        this.contracts = contracts;
        this.spillDir = spillDir;
    }

    Verdict check(Path file, Set<String> replaces, StoreManifest manifest) {
        String name = file.getFileName().toString();
        Digest digest;
        try {
            digest = FileChecks.digest(file);
        } catch (IOException e) {
            return new Rejection(null, null, "cannot read file: " + e.getMessage(), 0, null);
        }
        Optional<Contract> match = contracts.forFileName(name);
        if (match.isEmpty()) {
            return rejection(file, digest, null, "no contract matches the file name (known patterns: "
                    + String.join(", ", contracts.all().stream().map(Contract::fileNamePattern).toList()) + ")");
        }
        Contract contract = match.get();
        // the message version is checked first, on the name alone: a file on another version is never read
        DeliveryName named = DeliveryName.parse(name);
        String wrongVersion = named.versionProblem(contract);
        if (wrongVersion != null) {
            return new Rejection(digest, contract, wrongVersion, FileChecks.dataLines(file), named);
        }
        Optional<Delivery> existing = manifest.delivery(contract.id(), name);
        if (existing.isPresent() && existing.get().sha256().equals(digest.sha256())) {
            return new Unchanged(contract, existing.get());
        }
        String notLive = replacesNotLive(name, contract, replaces, manifest);
        if (notLive != null) return rejection(file, digest, contract, notLive);
        Optional<Delivery> sameContent = manifest.deliveries(contract.id()).stream()
                .filter(d -> !d.sourceFile().equals(name) && !replaces.contains(d.sourceFile()))
                .filter(d -> d.sha256().equals(digest.sha256())).findFirst();
        if (sameContent.isPresent()) {
            return rejection(file, digest, contract, "same content (SHA-256) as the live delivery "
                    + sameContent.get().sourceFile() + ": stored again, every row would count twice");
        }
        return readable(file, digest, contract, existing);
    }

    /** Why a {@code --replaces} name cannot be replaced by this file, or null when all are live deliveries. */
    private static String replacesNotLive(String name, Contract contract, Set<String> replaces, StoreManifest manifest) {
        for (String replaced : replaces) {
            if (replaced.equals(name) || manifest.delivery(contract.id(), replaced).isEmpty()) {
                return "it should replace " + replaced + ", which is not another live "
                        + "delivery of " + contract.id() + " (live: " + String.join(", ", manifest.deliveries(contract.id())
                        .stream().map(Delivery::sourceFile).toList()) + ")";
            }
        }
        return null;
    }

    /** The line-end, header and encoding checks; the LF copy they may make is deleted again on a rejection. */
    private Verdict readable(Path file, Digest digest, Contract contract, Optional<Delivery> existing) {
        Path lfCopy = null;
        try {
            if (!ValidationSql.duckDbEncoding(contract.format().encoding()).equals("utf-16")
                    && FileChecks.crLineEnds(file)) {
                // lines ending in CR only (classic Mac OS): read from a copy with LF line ends, same rows and numbers
                lfCopy = FileChecks.copyWithLfLineEnds(file, spillDir);
            }
        } catch (IOException e) {
            return rejection(file, digest, contract, "cannot read file: " + e.getMessage());
        }
        Path readFrom = lfCopy == null ? file : lfCopy;
        try {
            List<String> header = FileChecks.header(readFrom, contract);
            if (ValidationSql.duckDbEncoding(contract.format().encoding()).equals("latin-1") && digest.looksUtf8()) {
                throw new Rejected("the file is UTF-8 encoded but the contract declares "
                        + contract.format().encoding());
            }
            return new Readable(digest, contract, existing, readFrom, lfCopy, header);
        } catch (Rejected r) {
            if (lfCopy != null) StoreFiles.deleteQuietly(lfCopy);
            return rejection(file, digest, contract, r.getMessage());
        } catch (IOException e) {
            if (lfCopy != null) StoreFiles.deleteQuietly(lfCopy);
            return rejection(file, digest, contract, "cannot read file: " + e.getMessage());
        }
    }

    private static Rejection rejection(Path file, Digest digest, Contract contract, String reason) {
        return new Rejection(digest, contract, reason, FileChecks.dataLines(file), null);
    }
}
