package no.kvik.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import no.kvik.release.ReleaseFiles;
import no.kvik.release.Revisions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Compares two release folders (kvik release writes revisions.json against the previous one itself). */
@Command(name = "revisions", mixinStandardHelpOptions = true,
        description = "List what changed between two releases: new and retired indicators, changed definitions "
                + "(SQL hash, covering the reference macros, views and code lists the SQL reads, or metadata hash; against a "
                + "release made before that, every definition shows as changed once) and revised values, as JSON on "
                + "standard output. A revised value is a row whose "
                + "numerator, denominator or value differs (whole numbers exactly, fractions by more than 1e-12 "
                + "relative: last-digit noise is not a revision) or that is in only one release; 'revisedMeans' "
                + "in the JSON says so.")
final class RevisionsCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The earlier release folder.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The later release folder.")
    Path to;

    @Override
    public Integer call() throws Exception {
        Revisions r = Revisions.compare(from, to);
        System.out.println(ReleaseFiles.JSON.writeValueAsString(r));
        return ExitCodes.OK;
    }
}
