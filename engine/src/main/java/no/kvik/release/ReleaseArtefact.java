package no.kvik.release;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One artefact of a release (a file or a set of files of one kind), written into the staging folder from the
 * computed {@link ReleaseContents}. {@link Release#ARTEFACTS} runs them in a fixed order; an artefact may read
 * those written before it (the revisions compare {@code results.parquet} with the previous release's, the report
 * shows {@code revisions.json}, the manifest lists and hashes every file), never one written after it.
 */
interface ReleaseArtefact {
    void write(ReleaseContents release, Staging staging) throws IOException, SQLException;

    /**
     * Where artefacts are written.
     *
     * @param folder the staging folder, swapped in as the release folder once every artefact is written
     * @param store  the connection the results were computed on (one DuckDB thread): result files are written
     *               through it, so that their bytes are those of every earlier release
     */
    record Staging(Path folder, Connection store) {
    }
}
