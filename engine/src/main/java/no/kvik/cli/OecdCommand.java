package no.kvik.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import no.kvik.catalog.Catalogue;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.oecd.AcuteIndicator;
import no.kvik.oecd.DeliveryRow;
import no.kvik.oecd.DeliveryWriter;
import no.kvik.oecd.OecdDelivery;
import no.kvik.oecd.StandardChoice;
import no.kvik.oecd.Strata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The OECD HCQO acute-care delivery of one year: counts, crude and standardised rates, checked, then exported. */
@Command(name = "oecd", mixinStandardHelpOptions = true,
        description = {"OECD HCQO acute-care delivery: 30-day mortality after AMI, haemorrhagic and",
                "ischaemic stroke (ages 45+) and hip fracture (65+), admission-based and",
                "patient-based, and hip-fracture surgery within 2 calendar days (65+), by sex",
                "and five-year age group, with crude and standardised rates (95 %% Fay-Feuer",
                "intervals; hip fracture standardised over 65-69 ... 85+). --integrated-care",
                "adds the OECD integrated-care pilot (heart failure and heart attack followed",
                "up for a year).",
                "Written as xlsx and CSV (engine/docs/oecd-delivery.md) only when every check",
                "passes: coverage, counts, totals, rates, engine counts, ages, standardised",
                "rate within its strata, same cohort, linked >= in-hospital, nested windows,",
                "medication linked (a cohort of 20+ has a dispensing).",
                "Exit code 0: written; 1: a check failed (nothing written); 2: usage error."})
final class OecdCommand implements Callable<Integer> {

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "Calendar year of admission (of discharge for the integrated-care pilot).")
    int year;

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store folder.")
    Path store;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--standard", defaultValue = "esp2013", paramLabel = "esp2013|norway|FILE.csv",
            description = {"Standard population (default ${DEFAULT-VALUE}): esp2013 (European Standard Population",
                    "2013), norway (Norway's population on 1 January 2024 by sex, Statistics Norway), or a CSV",
                    "with columns age_group, weight and optionally sex (M/F). Both named ones are shipped in",
                    "data/reference; the OECD 2010 population is not."})
    String standard;

    @Option(names = "--integrated-care", description = "Add the OECD integrated-care pilot: patients 45+ "
            + "discharged alive after a heart-failure stay, followed up for 1-year mortality, 30-day and 1-year "
            + "readmission, GP contact within 7 and 30 days and ACE inhibitor/ARB + beta blocker within 1 year; "
            + "the same after a heart attack (AMI), with statin, antiplatelet, beta blocker and ACE inhibitor/ARB "
            + "within 1 year each. Needs the year after YEAR in npr_somatic, death, kpr_gp_contact and prescription.")
    boolean integratedCare;

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        StandardChoice choice = StandardChoice.parse(standard);
        try (Connection connection = RunCommand.openStore(store, home)) {
            List<AcuteIndicator> indicators = new ArrayList<>(AcuteIndicator.ALL);
            if (integratedCare) indicators.addAll(AcuteIndicator.INTEGRATED_CARE);
            OecdDelivery delivery = OecdDelivery.prepare(connection, catalogue, home.reference(), year, choice,
                    indicators);
            if (!delivery.passed()) {
                List<String> failures = delivery.failures();
                System.err.println("kvik oecd: export stopped, nothing written: " + failures.size()
                        + " check failure(s):");
                failures.forEach(f -> System.err.println("  " + f));
                return ExitCodes.DATA_ERRORS;
            }
            for (DeliveryRow r : delivery.rows()) {
                if (!r.sex().equals(Strata.BOTH) || !r.ageGroup().equals(Strata.ALL_AGES)) continue;
                System.out.printf("%-52s cases %7d events %6d crude %s std %s%n", r.indicatorId(),
                        Math.round(r.cases()), Math.round(r.deaths()), pct(r.crudeRate()),
                        r.stdRate() == null ? "-" : pct(r.stdRate()) + " [" + pct(r.stdLow()) + ", " + pct(r.stdHigh()) + "]");
            }
            Map<String, String> info = new LinkedHashMap<>();
            info.put("produced_by", "kvik oecd (kvik 0.1.0)");
            info.put("produced_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            info.put("store", store.toAbsolutePath().normalize().toString());
            info.put("standard_option", standard);
            for (Path f : DeliveryWriter.write(delivery, catalogue, info, out)) System.out.println("wrote " + f);
            System.out.println("standardised to " + delivery.standard().id() + " (not the OECD 2010 population)");
        }
        return ExitCodes.OK;
    }

    private static String pct(Double rate) {
        return rate == null ? "-" : String.format("%.2f %%", 100 * rate);
    }
}
