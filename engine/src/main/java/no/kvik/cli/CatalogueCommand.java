package no.kvik.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.CatalogueListing;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.ParameterDecl;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists and describes indicators (and registry contracts); regenerates the catalogue listing. */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
        description = "List indicators (or describe one, with its SQL), list registry contracts, or refresh "
                + "sql/indicators/CATALOGUE.md and catalogue.csv.")
final class CatalogueCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "Describe this indicator.")
    String id;

    @Option(names = "--contracts", description = "List the registry contracts instead: keys and how they are "
            + "normalised, the fields whose invalid value leaves the row usable, and every row and plausibility rule "
            + "(in a rule, the period_end placeholder is the last day of the delivery's period: 31 December of the last "
            + "year in the file name, or the ingest day).")
    boolean contracts;

    @Option(names = "--write", description = "Regenerate the catalogue listing files under sql/indicators.")
    boolean write;

    @Override
    public Integer call() throws IOException {
        KvikHome home = KvikHome.locate();
        Contracts all = Contracts.load(home.contracts());
        if (contracts) {
            for (Contract c : all.all()) {
                no.kvik.contract.ContractListing.lines(c).forEach(System.out::println);
            }
            return ExitCodes.OK;
        }
        Catalogue catalogue = Catalogue.load(home.indicators(), all);
        if (write && id != null) {
            throw new IllegalArgumentException("--write regenerates the listing of the whole catalogue: give no ID with it");
        }
        if (write) {
            Path md = home.indicators().resolve(CatalogueListing.MARKDOWN_FILE);
            Path csv = home.indicators().resolve(CatalogueListing.CSV_FILE);
            Files.writeString(md, CatalogueListing.markdown(catalogue), StandardCharsets.UTF_8);
            Files.writeString(csv, CatalogueListing.csv(catalogue), StandardCharsets.UTF_8);
            System.out.println("wrote " + md + " and " + csv + " (" + catalogue.all().size() + " indicators)");
            return ExitCodes.OK;
        }
        if (id != null) {
            describe(catalogue.get(id));
            return ExitCodes.OK;
        }
        int idWidth = catalogue.all().stream().mapToInt(i -> i.id().length()).max().orElse(2);
        String row = "%-" + idWidth + "s %-10s %-9s %-16s %-8s %s%n";
        System.out.printf(row, "ID", "AREA", "TYPE", "MEASURE", "FREQ", "LEVELS");
        for (Indicator i : catalogue.all()) {
            IndicatorMeta m = i.meta();
            System.out.printf(row, m.id(), m.area(), m.type(), measure(m),
                    m.frequency().code(), m.levels().stream().map(Level::code).collect(Collectors.joining(",")));
        }
        return ExitCodes.OK;
    }

    private static String measure(IndicatorMeta m) {
        return m.measure().per() != null ? m.measure().kind().code() + "/" + Math.round(m.measure().per())
                : m.measure().p() != null ? m.measure().kind().code() + " " + m.measure().p() : m.measure().kind().code();
    }

    private static void describe(Indicator i) {
        IndicatorMeta m = i.meta();
        System.out.println(m.id() + " " + m.version() + " (" + m.area() + ")");
        System.out.println("  " + m.name().en() + " / " + m.name().no());
        System.out.println("  " + m.description().en());
        System.out.println("  type: " + m.type() + ", dimension: " + m.dimension() + ", basis: " + m.basis());
        System.out.println("  measure: " + measure(m) + ", " + m.direction().code() + ", frequency: " + m.frequency().code());
        System.out.println("  levels: " + m.levels().stream().map(Level::code).collect(Collectors.joining(", ")));
        System.out.println("  sources: " + String.join(", ", m.sources()));
        System.out.println("  suppression: min denominator " + m.suppression().minDenominator()
                + (m.suppression().hideNumeratorBetween() == null ? "" : ", numerator hidden in " + m.suppression().hideNumeratorBetween()));
        if (m.target() != null) {
            System.out.println("  target: value " + m.target().value() + ", high " + m.target().high() + ", medium " + m.target().medium());
        }
        for (ParameterDecl p : m.parameters()) {
            System.out.println("  parameter $" + p.name() + " " + p.type() + " = " + p.defaultValue() + ": " + p.description());
        }
        for (String r : m.references()) System.out.println("  reference: " + r);
        if (m.notes() != null && !m.notes().isBlank()) System.out.println("  notes: " + m.notes());
        System.out.println("  tests: " + m.tests().size());
        System.out.println();
        System.out.println("-- " + i.sqlFile());
        System.out.println(i.sql().text().strip());
    }
}
