package no.kvik.release;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import no.kvik.analysis.FunnelSummary;
import no.kvik.catalog.Catalogue;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;

/**
 * Everything the artefacts of a release are written from, computed once from one store generation.
 *
 * @param catalogueVersion the manifest's catalogue version ({@link Release#catalogueVersion})
 * @param definitions  the released indicators' definitions, in the edition's order
 * @param entries      the manifest's entry of each released indicator, in the same order
 * @param byIndicator  each released indicator's rows, sorted by {@link Release#ROW_ORDER}
 * @param rows         every released row: the indicators' rows one after another in the edition's order
 * @param funnels      the funnel the report shows per indicator id (indicators without one are absent)
 * @param releasedFunnels every funnel of every released indicator, level and period, as {@code funnels.json} holds it
 * @param failed       indicators that failed, with the reason, by id
 * @param storeInputs  the store's accepted and rejected deliveries, for the manifest
 * @param previous     the latest earlier release in the same releases folder, if any
 */
record ReleaseContents(Calendar.Edition edition, Release.Options options, RunRequest request, Catalogue catalogue,
                       String catalogueVersion,
                       List<Definition> definitions, List<ReleaseManifest.IndicatorEntry> entries,
                       Map<String, List<IndicatorResult>> byIndicator, List<IndicatorResult> rows,
                       Map<String, FunnelSummary> funnels, List<ReleasedFunnels.Funnel> releasedFunnels,
                       Map<String, String> failed,
                       List<ReleaseManifest.StoreInput> storeInputs, Findings findings, Financing financing,
                       Optional<Path> previous) {
    ReleaseContents {
        definitions = List.copyOf(definitions);
        entries = List.copyOf(entries);
        Map<String, List<IndicatorResult>> copied = new LinkedHashMap<>();
        byIndicator.forEach((id, r) -> copied.put(id, List.copyOf(r)));
        byIndicator = Collections.unmodifiableMap(copied);
        rows = List.copyOf(rows);
        funnels = Collections.unmodifiableMap(new TreeMap<>(funnels));
        releasedFunnels = List.copyOf(releasedFunnels);
        failed = Collections.unmodifiableMap(new TreeMap<>(failed));
        storeInputs = List.copyOf(storeInputs);
    }
}
