package no.kvik.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.config.KvikVersion;
import no.kvik.report.ReleaseReport;
import no.kvik.report.ReleaseReportModel;
import no.kvik.report.ResultWriter;

/**
 * The nine artefacts of a release, each a small writer behind {@link ReleaseArtefact}, in the order
 * {@link #IN_ORDER} runs them: results, definitions, subscriber workbook, findings, financing, funnels, revisions, the HTML
 * report, and last the manifest, which lists and hashes every file before it.
 */
final class ReleaseArtefacts {
    /** The order the artefacts are written in: each reads only those before it. */
    static final List<ReleaseArtefact> IN_ORDER = List.of(new ResultFiles(), new DefinitionsJson(), new SubscriberXlsx(),
            new FindingsFiles(), new FinancingJson(), new FunnelsJson(), new RevisionsJson(), new ReportHtml(), new ManifestJson());

    private ReleaseArtefacts() {
    }

    /** {@code results.parquet|csv|json}: every released row in the one result schema, written by DuckDB COPY. */
    static final class ResultFiles implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException, SQLException {
            ResultWriter.write(staging.store(), release.rows(), staging.folder(), Release.RESULTS,
                    EnumSet.of(ResultWriter.Format.PARQUET, ResultWriter.Format.CSV, ResultWriter.Format.JSON));
        }
    }

    /** {@code definitions.json}: each released indicator's definition with the hashes of its SQL and metadata. */
    static final class DefinitionsJson implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException {
            ReleaseFiles.writeJson(staging.folder().resolve(Release.DEFINITIONS), release.definitions());
        }
    }

    /** {@code subscriber.xlsx}: the definitions sheet, then one sheet of results per indicator. */
    static final class SubscriberXlsx implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException {
            SubscriberWorkbook.write(staging.folder().resolve(Release.SUBSCRIBER), release.definitions(),
                    release.byIndicator(), release.edition().published());
        }
    }

    /** {@code findings.json} and {@code findings.md}: the main findings, as data and as text. */
    static final class FindingsFiles implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException {
            ReleaseFiles.writeJson(staging.folder().resolve(Release.FINDINGS_JSON), release.findings());
            Files.writeString(staging.folder().resolve(Release.FINDINGS_MD), release.findings().markdown());
        }
    }

    /** {@code financing.json}: the results-based financing view of the publication year. */
    static final class FinancingJson implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException {
            ReleaseFiles.writeJson(staging.folder().resolve(Release.FINANCING), release.financing());
        }
    }

    /** {@code funnels.json}: every funnel the release computed, its model and published points ({@link ReleasedFunnels}). */
    static final class FunnelsJson implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException {
            ReleasedFunnels.write(staging.folder().resolve(ReleasedFunnels.FILE), release.releasedFunnels());
        }
    }

    /** {@code revisions.json}, only when an earlier release is in the releases folder: what changed since it. */
    static final class RevisionsJson implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException, SQLException {
            if (release.previous().isEmpty()) return;
            Revisions revisions = Revisions.compare(release.previous().get(), staging.folder(), release.edition().id(),
                    release.entries());
            ReleaseFiles.writeJson(staging.folder().resolve(Release.REVISIONS), revisions);
        }
    }

    /** {@code report.html}: the self-contained report, with the revisions as {@code revisions.json} has them. */
    static final class ReportHtml implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException {
            Path revisionsFile = staging.folder().resolve(Release.REVISIONS);
            Revisions revisions = Files.exists(revisionsFile)
                    ? ReleaseFiles.JSON.readValue(revisionsFile.toFile(), Revisions.class) : null;
            ReleaseReport.write(staging.folder().resolve(Release.REPORT), model(release, revisions));
        }

        /** The report model of a release: what the report shows, taken from the release's own records. */
        static ReleaseReportModel model(ReleaseContents release, Revisions revisions) {
            List<ReleaseReportModel.IndicatorSection> sections = new ArrayList<>();
            for (Definition d : release.definitions()) {
                sections.add(new ReleaseReportModel.IndicatorSection(d.id(), d.version(), d.nameNo(), d.nameEn(),
                        d.descriptionEn(), d.measure(), d.per(), d.direction(), d.frequency(), d.levels(),
                        release.byIndicator().getOrDefault(d.id(), List.of()), release.funnels().get(d.id())));
            }
            Findings f = release.findings();
            ReleaseReportModel.FindingsLists findings = new ReleaseReportModel.FindingsLists(
                    f.nationalChanges().stream().map(Findings.NationalChange::text).toList(),
                    f.unitFlags().stream().map(Findings.UnitFlag::text).toList(),
                    f.negativeTrends().stream().map(Findings.NegativeTrend::text).toList(),
                    f.goalAttainment().stream().map(Findings.GoalSummary::text).toList(),
                    f.caveats().stream().map(Findings.Caveat::text).toList());
            Financing fin = release.financing();
            ReleaseReportModel.FinancingTable financing = new ReleaseReportModel.FinancingTable(fin.year(),
                    fin.indicators(), fin.missing(), fin.scores().stream().map(s -> new ReleaseReportModel.FinancingScore(
                            s.rank(), s.rhfName(), s.indicators(), s.placement(), s.completeness(), s.total())).toList());
            ReleaseReportModel.RevisionsSummary changes = revisions == null ? null
                    : new ReleaseReportModel.RevisionsSummary(revisions.previous(), revisions.newIndicators(),
                            revisions.retiredIndicators(), revisions.changedDefinitions().stream()
                                    .map(c -> new ReleaseReportModel.ChangedDefinition(c.id(), c.changed())).toList(),
                            revisions.revisedValueCount(), revisions.revisedMeans());
            Calendar.Edition edition = release.edition();
            return new ReleaseReportModel(edition.id(), edition.published(), edition.dataEnd(), sections, findings,
                    financing, changes);
        }
    }

    /**
     * {@code manifest.json}, written last: edition, engine and catalogue versions, the parameters, each indicator's
     * hashes and rows, the store's deliveries, and the name, SHA-256 and size of every other file of the release.
     */
    static final class ManifestJson implements ReleaseArtefact {
        @Override
        public void write(ReleaseContents release, Staging staging) throws IOException {
            Release.Options options = release.options();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("history_years", options.historyYears());
            parameters.put("period_from", release.request().from().toString());
            parameters.put("period_to", release.request().to().toString());
            parameters.put("only", options.only());
            parameters.put("findings_alpha", Findings.ALPHA);
            parameters.put("findings_low_completeness", Findings.LOW_COMPLETENESS);
            parameters.put("financing_weights", Map.of("placement", Financing.PLACEMENT_WEIGHT, "completeness", Financing.COMPLETENESS_WEIGHT));
            parameters.put("analysis", ReleaseFiles.JSON.convertValue(Release.ANALYSIS, Map.class));
            parameters.put("duckdb_threads", 1);
            parameters.put("previous_release", release.previous().map(p -> p.getFileName().toString()).orElse(null));
            // only when some failed, so that the manifests of complete releases are as before
            if (!release.failed().isEmpty()) parameters.put("failed_indicators", release.failed());
            Calendar.Edition edition = release.edition();
            ReleaseManifest manifest = new ReleaseManifest(ReleaseManifest.FORMAT_VERSION, edition.id(),
                    edition.published().toString(), edition.dataEnd().toString(), KvikVersion.VERSION,
                    release.catalogueVersion(), parameters, release.entries(), release.storeInputs(),
                    fileEntries(staging.folder()));
            ReleaseFiles.writeJson(staging.folder().resolve(ReleaseManifest.FILE), manifest);
        }

        private static List<ReleaseManifest.FileEntry> fileEntries(Path dir) throws IOException {
            List<ReleaseManifest.FileEntry> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.sorted().toList()) {
                    if (f.getFileName().toString().equals(ReleaseManifest.FILE)) continue;
                    out.add(new ReleaseManifest.FileEntry(f.getFileName().toString(), ReleaseFiles.sha256(f), Files.size(f)));
                }
            }
            return out;
        }
    }
}
