package no.kvik.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;

/** The publication calendar ({@code sql/calendar/publications.csv}, described in its README). */
public record Calendar(List<Edition> editions) {
    public static final String FILE = "publications.csv";
    private static final List<String> HEADER = List.of("edition", "published", "data_end", "frequency", "area", "basis");

    /** Which indicators an edition carries: those whose own frequency and area match one row. */
    public record Due(Frequency frequency, String area, String basis) {
    }

    /**
     * One publication.
     *
     * @param dataEnd end (exclusive) of the data covered: no period ending after it is released
     */
    public record Edition(String id, LocalDate published, LocalDate dataEnd, List<Due> due) {
        public Edition {
            due = List.copyOf(due);
        }

        public boolean carries(Indicator indicator) {
            return due.stream().anyMatch(d -> d.frequency() == indicator.meta().frequency()
                    && d.area().equals(indicator.meta().area()));
        }

        /** The catalogue's indicators due in this edition, in id order. */
        public List<Indicator> dueIndicators(Catalogue catalogue) {
            return catalogue.all().stream().filter(this::carries).sorted(Comparator.comparing(Indicator::id)).toList();
        }
    }

    public Calendar {
        editions = editions.stream().sorted(Comparator.comparing(Edition::published).thenComparing(Edition::id)).toList();
    }

    public static Calendar load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the publication calendar " + file, e);
        }
        if (lines.isEmpty() || !List.of(lines.get(0).split(",", -1)).equals(HEADER)) {
            throw new IllegalArgumentException(file + ": header must be " + String.join(",", HEADER));
        }
        Map<String, LocalDate[]> dates = new LinkedHashMap<>();
        Map<String, List<Due>> due = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String where = file + " row " + (i + 1);
            String[] f = line.split(",", -1);
            if (f.length != HEADER.size()) throw new IllegalArgumentException(where + ": expected " + HEADER.size() + " fields, got " + f.length);
            String id = f[0];
            if (!id.matches("\\d{4}-[1-9]")) throw new IllegalArgumentException(where + ", field edition: '" + id + "' is not YYYY-N");
            LocalDate published = date(f[1], where, "published");
            LocalDate dataEnd = date(f[2], where, "data_end");
            if (dataEnd.isAfter(published)) throw new IllegalArgumentException(where + ", field data_end: " + dataEnd + " is after the publication date");
            Frequency frequency;
            try {
                frequency = Frequency.of(f[3]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ", field frequency: " + e.getMessage());
            }
            if (!Catalogue.AREAS.contains(f[4])) throw new IllegalArgumentException(where + ", field area: unknown area '" + f[4] + "' (expected one of " + Catalogue.AREAS + ")");
            if (!f[5].equals("found") && !f[5].equals("inferred")) throw new IllegalArgumentException(where + ", field basis: expected found or inferred, got '" + f[5] + "'");
            LocalDate[] seen = dates.putIfAbsent(id, new LocalDate[] {published, dataEnd});
            if (seen != null && (!seen[0].equals(published) || !seen[1].equals(dataEnd))) {
                throw new IllegalArgumentException(where + ": edition " + id + " has other dates in an earlier row");
            }
            Due d = new Due(frequency, f[4], f[5]);
            List<Due> list = due.computeIfAbsent(id, k -> new ArrayList<>());
            if (list.stream().anyMatch(x -> x.frequency() == d.frequency() && x.area().equals(d.area()))) {
                throw new IllegalArgumentException(where + ": duplicate frequency/area for edition " + id);
            }
            list.add(d);
        }
        List<Edition> editions = new ArrayList<>();
        dates.forEach((id, d) -> editions.add(new Edition(id, d[0], d[1], due.get(id))));
        return new Calendar(editions);
    }

    private static LocalDate date(String text, String where, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ", field " + field + ": '" + text + "' is not a yyyy-mm-dd date");
        }
    }

    public Optional<Edition> find(String id) {
        return editions.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Edition get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("edition " + id + " is not in the calendar (known: "
                + editions.stream().map(Edition::id).toList() + ")"));
    }

    /** The edition published before {@code id}, if any. */
    public Optional<Edition> previous(String id) {
        int k = editions.indexOf(get(id));
        return k > 0 ? Optional.of(editions.get(k - 1)) : Optional.empty();
    }
}
