package no.kvik.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.store.Ingester;
import no.kvik.store.StoreManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kvik store gc}: deletes the Parquet files of superseded store generations that no live reader holds. An
 * ingest does the same when it opens and after each manifest switch; this is for a store that gets no more ingests
 * while the readers that held old files have closed (or died).
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Delete the Parquet files of superseded store generations that no running reader holds.",
                "",
                "A reader (kvik run, release, quality, oecd, a notebook) keeps the files of the manifest generation "
                        + "it opened, through a lease in STORE/readers/. An ingest deletes superseded files no lease "
                        + "holds; files still held then stay until a later ingest or this command. Leases of "
                        + "processes that are no longer running are removed. Takes the store lock, like an ingest."})
final class StoreGcCommand implements Callable<Integer> {

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store folder.")
    Path store;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(store.resolve(StoreManifest.FILE_NAME))) {
            throw new IllegalArgumentException("not a store (no " + StoreManifest.FILE_NAME + "): " + store);
        }
        long before = dataFiles(store);
        long live;
        try (Ingester ingester = Ingester.open(store, KvikHome.locate(), null)) {
            ingester.collectGarbage();
            live = ingester.manifest().files().size();
        }
        long after = dataFiles(store);
        System.out.println("deleted " + (before - after) + " superseded file(s); " + (after - live)
                + " still held by running readers; " + live + " live");
        return ExitCodes.OK;
    }

    private static long dataFiles(Path store) throws IOException {
        Path data = store.resolve("data");
        if (!Files.isDirectory(data)) return 0;
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
