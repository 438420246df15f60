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
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
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
        StringColumn name = StringColumn.create("check");
        StringColumn description = StringColumn.create("description");
        StringColumn passed = StringColumn.create("passed");
        IntColumn failures = IntColumn.create("failures");
        StringColumn first = StringColumn.create("first_failure");
        for (CheckResult c : delivery.checks()) {
            name.append(c.name());
            description.append(c.description());
            passed.append(c.passed() ? "yes" : "NO");
            failures.append(c.failures().size());
            first.append(c.failures().isEmpty() ? "" : c.failures().get(0));
        }
        return Table.create("OECD " + delivery.year() + " validation checks", name, description, passed, failures, first);
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
        StringColumn file = StringColumn.create("file");
        LongColumn bytes = LongColumn.create("bytes");
        try {
            Files.createDirectories(dir);
            for (Path f : DeliveryWriter.write(delivery, catalogue, info, dir)) {
                file.append(f.getFileName().toString());
                bytes.append(Files.size(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the OECD delivery to " + dir + ": " + e.getMessage(), e);
        }
        return Table.create("OECD delivery files in " + dir, file, bytes);
    }

    private Table rows(String name, Predicate<DeliveryRow> keep) {
        StringColumn id = StringColumn.create("indicator");
        StringColumn sex = StringColumn.create("sex");
        StringColumn age = StringColumn.create("age_group");
        DoubleColumn cases = DoubleColumn.create("cases");
        DoubleColumn deaths = DoubleColumn.create("deaths");
        DoubleColumn crude = DoubleColumn.create("crude_rate");
        DoubleColumn std = DoubleColumn.create("std_rate");
        DoubleColumn low = DoubleColumn.create("std_low");
        DoubleColumn high = DoubleColumn.create("std_high");
        StringColumn standard = StringColumn.create("standard");
        StringColumn note = StringColumn.create("note");
        for (DeliveryRow r : delivery.rows()) {
            if (!keep.test(r)) continue;
            id.append(r.indicatorId());
            sex.append(r.sex());
            age.append(r.ageGroup());
            IndicatorQuery.append(cases, r.cases());
            IndicatorQuery.append(deaths, r.deaths());
            IndicatorQuery.append(crude, r.crudeRate());
            IndicatorQuery.append(std, r.stdRate());
            IndicatorQuery.append(low, r.stdLow());
            IndicatorQuery.append(high, r.stdHigh());
            standard.append(r.standard() == null ? "" : r.standard());
            note.append(r.note() == null ? "" : r.note());
        }
        // rates are per 1 (deaths per case): shown in percent
        return TableFormats.apply(Table.create(name, id, sex, age, cases, deaths, crude, std, low, high, standard, note),
                true, 2);
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
