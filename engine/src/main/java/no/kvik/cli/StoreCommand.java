package no.kvik.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import no.kvik.config.KvikHome;
import no.kvik.store.Ingester;
import no.kvik.store.Retirement;
import no.kvik.store.StoreManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands that change a store other than by ingesting a file. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"Change a store other than by ingesting a file.",
                "Exit code 0: done; 2: usage error (e.g. an unknown delivery); 3: store busy (another ingest or store "
                        + "command holds its lock; nothing changed)."},
        subcommands = {StoreCommand.Retire.class, StoreGcCommand.class})
final class StoreCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return ExitCodes.USAGE;
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = {"Take one live delivery out of the store: its rows leave every view in one atomic switch "
                    + "of manifest.json (as with kvik ingest --replaces, without a replacing file), its Parquet files "
                    + "are deleted after the switch once no running reader holds them (see kvik store gc), and STORE/ingests/<id>-FILE_NAME.retired.json records it.",
                    "Exit code 0: retired; 2: FILE_NAME is not a live delivery (the live ones are listed) or STORE "
                            + "is not a store; 3: store busy."})
    static final class Retire implements Callable<Integer> {
        @Parameters(paramLabel = "FILE_NAME", description = "Source file name of the live delivery, as ingested "
                + "(e.g. npr_somatic_2021.csv).")
        String sourceFile;

        @Option(names = "--store", required = true, paramLabel = "STORE", description = "Store folder.")
        Path store;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(store.resolve(StoreManifest.FILE_NAME))) {
                throw new IllegalArgumentException("not a store (no " + StoreManifest.FILE_NAME + "): " + store);
            }
            try (Ingester ingester = Ingester.open(store, KvikHome.locate(), null)) {
                Retirement r = ingester.retire(sourceFile);
                System.out.printf("%s: retired from %s (%s, %d rows, %d Parquet file(s) deleted)%n", r.sourceFile(),
                        store, r.contractId(), r.rowsStored(), r.filesDeleted());
            }
            return ExitCodes.OK;
        }
    }
}
