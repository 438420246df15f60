package no.kvik.release;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a release: everything that determines its files, and nothing that does not
 * (no wall-clock time, no absolute paths), so re-running on the same inputs reproduces it byte for byte.
 *
 * @param formatVersion    2 since an indicator's {@code sqlSha256} is its {@link DefinitionHash} (its SQL file and
 *                         the reference SQL it reads); 1 before, when it was the SHA-256 of its SQL file alone
 * @param catalogueVersion SHA-256 over the id, version, SQL hash and metadata hash of every indicator in the
 *                         catalogue (due or not), so any catalogue change gives a new version
 * @param storeInputs      the store's live deliveries and rejected files with their source checksums
 * @param files            every other file of the release with its SHA-256
 */
public record ReleaseManifest(int formatVersion, String edition, String published, String dataEnd,
                              String engineVersion, String catalogueVersion, Map<String, Object> parameters,
                              List<IndicatorEntry> indicators, List<StoreInput> storeInputs, List<FileEntry> files) {
    public static final int FORMAT_VERSION = 2;
    public static final String FILE = "manifest.json";

    public ReleaseManifest {
        indicators = List.copyOf(indicators);
        storeInputs = List.copyOf(storeInputs);
        files = List.copyOf(files);
    }

    public record IndicatorEntry(String id, String version, String sqlSha256, String metadataSha256, long rows) {
    }

    /** @param status {@code accepted} (a live delivery) or {@code rejected} */
    public record StoreInput(String contractId, String contractVersion, String sourceFile, String sha256, long rowsStored,
                             String status) {
    }

    public record FileEntry(String name, String sha256, long bytes) {
    }
}
