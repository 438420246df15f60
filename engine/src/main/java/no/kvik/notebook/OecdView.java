package no.kvik.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import no.kvik.catalog.Catalogue;
import no.kvik.oecd.CheckResult;
import no.kvik.oecd.DeliveryRow;
import no.kvik.oecd.DeliveryWriter;
import no.kvik.oecd.OecdDelivery;
import no.kvik.oecd.Strata;
import tech.tablesaw.api.Table;

/**
 * A prepared OECD acute-care delivery (see engine/docs/oecd-delivery.md) as notebook tables; {@link #write}
 * exports it exactly as {@code kvik oecd} does, and only when every check passed.
 */
public record OecdView(OecdDelivery delivery, Catalogue catalogue, Path store, String standardOption) {

    public boolean passed() {
        return delivery.passed();
    }

    /** The all-ages, both-sexes rows: cases, deaths, crude and standardised rate with its 95 % interval. */
    public Table standardised() {
        return rows("OECD " + delivery.year() + ": crude and standardised 30-day mortality",
                r -> r.sex().equals(Strata.BOTH) && r.ageGroup().equals(Strata.ALL_AGES));
    }

    /** Every template row (indicator × sex × age group), or those of one indicator. */
    public Table bySexAndAge(String indicatorId) {
        return rows("OECD " + delivery.year() + ": " + indicatorId + " by sex and age group",
                r -> r.indicatorId().equals(indicatorId));
    }

    /** The validation checks: name, what is checked, passed, failures. */
    public Table checks() {
        return Tables.of("OECD " + delivery.year() + " validation checks", delivery.checks(),
                Tables.text("check", CheckResult::name),
                Tables.text("description", CheckResult::description),
                Tables.text("passed", c -> c.passed() ? "yes" : "NO"),
                Tables.integer("failures", c -> c.failures().size()),
                Tables.text("first_failure", c -> c.failures().isEmpty() ? "" : c.failures().get(0)));
    }

    /** Writes the delivery files into {@code dir}; refuses (naming the failures) when a check failed. */
    public Table write(Path dir) {
        if (!delivery.passed()) {
            throw new IllegalStateException("OECD delivery " + delivery.year() + " not written: " + delivery.failures());
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("produced_by", "kvik notebook (no.kvik.notebook.Kvik.oecd)");
        info.put("store", store.toString());
        info.put("standard_option", standardOption);
        List<FileSize> files = new java.util.ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Path f : DeliveryWriter.write(delivery, catalogue, info, dir)) {
                files.add(new FileSize(f.getFileName().toString(), Files.size(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the OECD delivery to " + dir + ": " + e.getMessage(), e);
        }
        return FileSize.table("OECD delivery files in " + dir, files);
    }

    private Table rows(String name, Predicate<DeliveryRow> keep) {
        Table t = Tables.of(name, delivery.rows().stream().filter(keep).toList(),
                Tables.text("indicator", DeliveryRow::indicatorId),
                Tables.text("sex", DeliveryRow::sex),
                Tables.text("age_group", DeliveryRow::ageGroup),
                Tables.number("cases", DeliveryRow::cases),
                Tables.number("deaths", DeliveryRow::deaths),
                Tables.number("crude_rate", DeliveryRow::crudeRate),
                Tables.number("std_rate", DeliveryRow::stdRate),
                Tables.number("std_low", DeliveryRow::stdLow),
                Tables.number("std_high", DeliveryRow::stdHigh),
                Tables.text("standard", r -> r.standard() == null ? "" : r.standard()),
                Tables.text("note", r -> r.note() == null ? "" : r.note()));
        // rates are per 1 (deaths per case): shown in percent
        return TableFormats.apply(t, true, 2);
    }

    /** Ids of the delivered indicators. */
    public List<String> indicators() {
        return delivery.rows().stream().map(DeliveryRow::indicatorId).distinct().toList();
    }

    @Override
    public String toString() {
        return "OECD delivery " + delivery.year() + ": " + delivery.rows().size() + " rows, "
                + (delivery.passed() ? "all checks passed" : delivery.failures().size() + " check failure(s)");
    }
}
