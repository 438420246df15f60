package no.kvik.release;

import java.nio.file.Path;
import java.util.List;

/** Lets tests in other packages use the shared release fixture. */
public final class ReleaseTestAccess {
    private ReleaseTestAccess() {
    }

    public static Path releaseFolder() throws Exception {
        return ReleaseFixture.get().release;
    }

    public static List<String> indicators() {
        return ReleaseFixture.INDICATORS;
    }
}
