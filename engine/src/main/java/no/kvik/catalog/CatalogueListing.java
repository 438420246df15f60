package no.kvik.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The generated catalogue listing ({@code sql/indicators/CATALOGUE.md} and {@code catalogue.csv}),
 * refreshed with {@code kvik catalogue --write} and kept fresh by a test.
 */
public final class CatalogueListing {
    public static final String MARKDOWN_FILE = "CATALOGUE.md";
    public static final String CSV_FILE = "catalogue.csv";
    public static final String REFRESH_COMMAND = "java -jar engine/target/kvik.jar catalogue --write";

    private static final List<String> CSV_HEADER = List.of("id", "version", "area", "name_no", "name_en", "type",
            "dimension", "measure", "direction", "levels", "frequency", "sources", "target", "basis");

    private CatalogueListing() {
    }

    public static String markdown(Catalogue catalogue) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Indicator catalogue\n\n")
          .append("Generated from `sql/indicators/*/*.json` by `").append(REFRESH_COMMAND).append("`; do not edit.\n")
          .append(catalogue.all().size()).append(" indicators.\n");
        for (String area : Catalogue.AREAS) {
            List<Indicator> in = catalogue.all().stream().filter(i -> i.meta().area().equals(area)).toList();
            if (in.isEmpty()) continue;
            sb.append("\n## ").append(area).append("\n\n")
              .append("| id | name | type | measure | direction | levels | frequency | sources | target | basis |\n")
              .append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (Indicator i : in) {
                IndicatorMeta m = i.meta();
                sb.append("| `").append(m.id()).append("` | ").append(cell(m.name().en())).append(" | ").append(m.type())
                  .append(" | ").append(measure(m.measure())).append(" | ").append(m.direction().code().replace('_', ' '))
                  .append(" | ").append(levels(m)).append(" | ").append(m.frequency().code())
                  .append(" | ").append(String.join(", ", m.sources())).append(" | ").append(target(m.target()))
                  .append(" | ").append(m.basis()).append(" |\n");
            }
        }
        return sb.toString();
    }

    public static String csv(Catalogue catalogue) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        for (Indicator i : catalogue.all()) {
            IndicatorMeta m = i.meta();
            List<String> row = List.of(m.id(), m.version(), m.area(), m.name().no(), m.name().en(), m.type(),
                    m.dimension(), measure(m.measure()), m.direction().code(), levels(m).replace(", ", " "),
                    m.frequency().code(), String.join(" ", m.sources()), target(m.target()), m.basis());
            sb.append(row.stream().map(CatalogueListing::csvField).collect(Collectors.joining(","))).append('\n');
        }
        return sb.toString();
    }

    static String measure(Measure m) {
        return switch (m.kind()) {
            case RATE -> "rate per " + number(m.per());
            case PERCENTILE -> "percentile p" + number(m.p() * 100);
            case RATIO -> m.per() == null ? "ratio" : "ratio per " + number(m.per());
            default -> m.kind().code();
        };
    }

    static String target(Target t) {
        if (t == null) return "";
        StringBuilder sb = new StringBuilder();
        if (t.value() != null) sb.append(number(t.value()));
        if (t.high() != null) {
            if (sb.length() > 0) sb.append("; ");
            sb.append("high ").append(number(t.high())).append(", medium ").append(number(t.medium()));
        }
        return sb.toString();
    }

    private static String levels(IndicatorMeta m) {
        return m.levels().stream().map(Level::code).collect(Collectors.joining(", "));
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String csvField(String s) {
        if (s == null) return "";
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
