/**
 * Releases: the publication calendar ({@code sql/calendar/publications.csv}), {@code kvik release}, which
 * computes every indicator due in an edition and freezes it in {@code OUT/<edition>/}, revisions between
 * releases, the main findings, the results-based financing view, and the read-only JSON API
 * ({@code kvik serve}).
 *
 * <p>Files of a release: {@code results.parquet|csv|json} (the one result schema, rows sorted by indicator,
 * period, level, unit), {@code subscriber.xlsx} (definitions sheet + one sheet per indicator),
 * {@code definitions.json}, {@code findings.json|md}, {@code financing.json}, {@code funnels.json} (every funnel:
 * model and published points, {@link no.kvik.release.ReleasedFunnels}), {@code revisions.json} (when an
 * earlier release is in OUT), {@code report.html} (self-contained, inline SVG) and {@code manifest.json}.
 * Each is written by one {@link no.kvik.release.ReleaseArtefact} of {@link no.kvik.release.ReleaseArtefacts}, in
 * that order, from the release computed once ({@link no.kvik.release.ReleaseContents}); the report through
 * {@link no.kvik.report.ReleaseReportModel}, which this package fills in.
 *
 * <p>Reproducibility: a re-run on the same store, catalogue and engine gives byte-identical files
 * (ReleaseRunTest). What that takes: DuckDB runs with one thread during a release, so floating-point sums
 * (expected counts) are added in one order; Parquet, CSV and JSON are written by DuckDB COPY from
 * rows in a fixed order (the Parquet footer holds DuckDB's version string, so another DuckDB version gives
 * other bytes); fastexcel stamps the workbook with the wall-clock time, so the xlsx is rewritten
 * ({@link no.kvik.report.StableWorkbook}) with fixed zip entry times and the publication date as created date; JSON maps are written with sorted
 * keys; the manifest holds input checksums, never times or absolute paths.
 *
 * <p>Export solution: {@code kvik serve} also answers {@code /releases/{edition}/export.csv|xlsx} and
 * {@code /api/releases/{edition}/export} with a selection of a release's rows ({@link no.kvik.release.ExportSelection},
 * {@link no.kvik.release.ExportResponses}): the CSV is results.csv's own lines, the xlsx the subscriber workbook's
 * sheets for the selection with a selection sheet holding the permanent link.
 */
package no.kvik.release;
