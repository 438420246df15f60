package no.kvik.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.Target;

/**
 * An indicator's definition as released (definitions.json, the subscriber file's definitions sheet, the
 * API): the metadata users read plus the hashes that identify its SQL and metadata files.
 *
 * @param sheet the indicator's sheet name in the subscriber workbook
 */
public record Definition(String id, String version, String area, String nameNo, String nameEn, String descriptionNo,
                         String descriptionEn, String type, String dimension, String measure, Double per,
                         String direction, List<String> levels, String frequency, Target target, List<String> sources,
                         String basis, JsonNode riskModel, String sqlSha256, String metadataSha256, String sheet) {
    public Definition {
        levels = List.copyOf(levels);
        sources = List.copyOf(sources);
    }

    static Definition of(IndicatorMeta m, String sqlSha256, String metadataSha256, String sheet) {
        return new Definition(m.id(), m.version(), m.area(), m.name().no(), m.name().en(),
                m.description() == null ? null : m.description().no(), m.description() == null ? null : m.description().en(),
                m.type(), m.dimension(), m.measure().kind().code(), m.measure().per(),
                m.direction() == null ? null : m.direction().code(), m.levels().stream().map(Level::code).toList(),
                m.frequency().code(), m.target(), m.sources(), m.basis(), m.riskModel(), sqlSha256, metadataSha256, sheet);
    }
}
