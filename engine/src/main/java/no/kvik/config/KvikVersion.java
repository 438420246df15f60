package no.kvik.config;

/** The engine's version, shown by {@code kvik --version} and recorded in release manifests. */
public final class KvikVersion {
    public static final String VERSION = "0.1.0";

    private KvikVersion() {
    }
}
