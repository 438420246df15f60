package no.kvik.release;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.kvik.analysis.FunnelSummary;
import no.kvik.variation.Direction;
import no.kvik.variation.FunnelFlag;
import no.kvik.variation.FunnelModel;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Limits;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.Tau2Estimator;
import no.kvik.variation.Trim;

/**
 * {@code funnels.json} of a release: every funnel the release computed (each indicator, each level below the nation
 * and each period, in the order the analysis made them), with its model and its published points only. Suppressed
 * units shaped φ and τ² but have no point here (a point would give their counts), and units that could not be
 * placed are only counted (their reason could reveal a suppressed count). {@link #result(Funnel)} rebuilds the
 * {@link FunnelResult} the charts draw, so the statistics views draw any level and period with
 * {@code Charts.funnelSvg} exactly as the run drew it from the analysis.
 *
 * <p>Layout: {@code {"formatVersion":1,"funnels":[...]}} with one funnel per line; numbers as Jackson writes them
 * (shortest text that reads back to the same double), non-finite numbers as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} (φ and τ² not estimated, a z beyond every double).
 */
public final class ReleasedFunnels {
    public static final String FILE = "funnels.json";
    public static final int FORMAT_VERSION = 1;
    /** One funnel per line, fields in record order: the same funnels give the same bytes. */
    private static final ObjectMapper COMPACT = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ReleasedFunnels() {
    }

    /**
     * One funnel as released. Kind, method, over-dispersion, trim, direction and τ² estimator are the lower-case
     * names of their enums; the analysis settings (trim, trim fraction, requested target, FDR level, mid-p, τ²
     * estimator) are kept so the model can be rebuilt whole.
     *
     * @param target             the funnel's centre (the national value, or 1 for O/E)
     * @param phi                φ (NaN: not estimated)
     * @param tau2               τ² of the limits (0 when not estimated and a funnel was fitted; NaN when none was)
     * @param levels             coverage levels of the limits, ascending; each point's limits match them
     * @param requestedTarget    the target the analysis asked for (null: the funnel's own default)
     * @param unitsUsed          units in the funnel, suppressed ones included
     * @param unitsInDispersion  units φ and τ² were estimated from
     * @param unitsNotComputable units left out (zero denominator or expected count, unmapped cases)
     * @param centre             the centre line's text ("centre: national value 14.7 %")
     * @param note               why the requested over-dispersion model was not applied, risk-model notes; else ""
     * @param emptyReason        why no unit is published when none is; else ""
     * @param points             the published units (null: no funnel could be fitted, {@code note} says why)
     */
    public record Funnel(String indicatorId, String level, String period, String kind, String method,
                         String overdispersion, double target, double phi, double tau2, List<Double> levels,
                         String trim, double trimFraction, String direction, Double requestedTarget, double fdrLevel,
                         boolean midP, String tau2Estimator, int unitsUsed, int unitsInDispersion,
                         int unitsNotComputable, String centre, String note, String emptyReason, List<Point> points) {
        public Funnel {
            levels = List.copyOf(levels);
            points = points == null ? null : List.copyOf(points);
        }

        /** Published points (0 when no funnel was fitted). */
        public int published() {
            return points == null ? 0 : points.size();
        }
    }

    /**
     * One published unit of a funnel, as {@link FunnelUnit} holds it.
     *
     * @param z               the z reported for the unit (results' {@code z} column): normal equivalent of its p
     * @param zUnadjusted     z on the method's scale before over-dispersion
     * @param zAdjusted       z on the method's scale after over-dispersion
     * @param flag            five-level funnel flag code ({@code high_outer} … {@code low_outer})
     * @param limits          limits per level (ascending), with over-dispersion when it is in effect
     * @param unadjustedLimits limits per level without over-dispersion
     */
    public record Point(String unitId, double numerator, double denominator, double value, double z,
                        double zUnadjusted, double zAdjusted, double pValue, String flag, boolean alarm, double fdrQ,
                        String fdrFlag, boolean keptForDispersion, List<Limits> limits, List<Limits> unadjustedLimits) {
        public Point {
            limits = List.copyOf(limits);
            unadjustedLimits = List.copyOf(unadjustedLimits);
        }
    }

    /** The released form of one analysed funnel: its model, settings and published points (pure). */
    public static Funnel of(String indicatorId, FunnelSummary f) {
        FunnelResult r = f.funnel();
        List<Point> points = null;
        if (r != null) {
            points = new ArrayList<>();
            for (FunnelUnit u : r.units()) {
                points.add(new Point(u.unit(), u.numerator(), u.denominator(), u.value(), u.zEquivalent(), u.z(),
                        u.zAdjusted(), u.pValue(), u.funnelFlag().code(), u.alarm(), u.fdrQ(), u.fdrFlag(),
                        u.keptForDispersion(), u.limits(), u.unadjustedLimits()));
            }
        }
        // the fitted model's values when there is one (the summary repeats them), else the summary's
        FunnelOptions o = r == null ? null : r.options();
        List<Double> levels = new ArrayList<>();
        if (r != null) for (double l : r.levels()) levels.add(l);
        return new Funnel(indicatorId, f.level(), f.periodLabel(), name(f.kind()), name(f.method()),
                name(r == null ? f.overdispersion() : r.model().overdispersion()),
                r == null ? f.target() : r.target(), r == null ? f.phi() : r.phi(), r == null ? f.tau2() : r.tau2(),
                levels, o == null ? null : name(o.trim()), o == null ? Double.NaN : o.trimFraction(),
                o == null ? null : name(o.direction()), o == null ? null : o.target(),
                o == null ? Double.NaN : o.fdrLevel(), o != null && o.midP(), o == null ? null : name(o.tau2Estimator()),
                f.unitsUsed(), r == null ? 0 : r.unitsInDispersion(), f.notComputable().size(), f.centre(), f.note(),
                f.emptyReason(), points);
    }

    /**
     * The funnel result a released funnel was made from, published units only, for the charts (pure): null when
     * no funnel was fitted. Units that could not be placed are not released, so its not-computable list is empty.
     */
    public static FunnelResult result(Funnel f) {
        if (f.points() == null) return null;
        IndicatorKind kind = constant(IndicatorKind.class, f.kind());
        LimitMethod method = constant(LimitMethod.class, f.method());
        Overdispersion overdispersion = constant(Overdispersion.class, f.overdispersion());
        double[] levels = f.levels().stream().mapToDouble(Double::doubleValue).toArray();
        FunnelOptions options = new FunnelOptions(kind, method, overdispersion, constant(Trim.class, f.trim()),
                f.trimFraction(), levels, constant(Direction.class, f.direction()), f.requestedTarget(), f.fdrLevel(),
                f.midP(), constant(Tau2Estimator.class, f.tau2Estimator()));
        FunnelModel model = new FunnelModel(kind, method, f.target(), overdispersion, f.phi(), f.tau2());
        List<FunnelUnit> units = new ArrayList<>();
        for (Point p : f.points()) {
            units.add(new FunnelUnit(p.unitId(), p.numerator(), p.denominator(), p.value(), p.zUnadjusted(),
                    p.zAdjusted(), p.z(), p.keptForDispersion(), p.limits(), p.unadjustedLimits(), flag(p.flag()),
                    p.alarm(), p.pValue(), p.fdrQ(), p.fdrFlag()));
        }
        return new FunnelResult(options, model, levels, units, List.of(), f.unitsInDispersion());
    }

    /** The file's text: a header, then one funnel per line, in the given order. */
    public static String json(List<Funnel> funnels) throws IOException {
        StringBuilder sb = new StringBuilder("{\"formatVersion\":").append(FORMAT_VERSION).append(",\"funnels\":[");
        for (int k = 0; k < funnels.size(); k++) {
            sb.append(k == 0 ? "\n" : ",\n").append(COMPACT.writeValueAsString(funnels.get(k)));
        }
        return sb.append("\n]}\n").toString();
    }

    public static void write(Path file, List<Funnel> funnels) throws IOException {
        Files.writeString(file, json(funnels), StandardCharsets.UTF_8);
    }

    /** The whole file, as read. */
    private record Document(int formatVersion, List<Funnel> funnels) {
    }

    /**
     * Reads a {@code funnels.json} in one pass (no tree in between: a large release holds thousands of funnels); a
     * format this engine does not know, or a field that does not fit, is an error naming the file and where in it.
     */
    public static List<Funnel> read(Path file) throws IOException {
        Document doc;
        try {
            doc = COMPACT.readValue(file.toFile(), Document.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        }
        if (doc.formatVersion() != FORMAT_VERSION) {
            throw new IOException(file + ": formatVersion " + doc.formatVersion() + ", this engine reads " + FORMAT_VERSION);
        }
        return doc.funnels() == null ? List.of() : List.copyOf(doc.funnels());
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        if (name == null) throw new IllegalArgumentException(type.getSimpleName() + " is missing");
        return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    }

    private static FunnelFlag flag(String code) {
        for (FunnelFlag f : FunnelFlag.values()) {
            if (f.code().equals(code)) return f;
        }
        throw new IllegalArgumentException("unknown funnel flag '" + code + "'");
    }
}
