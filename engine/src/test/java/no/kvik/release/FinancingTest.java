package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import no.kvik.engine.IndicatorResult;
import org.junit.jupiter.api.Test;

/** The RBF view on hand-made RHF and hospital rows of one financing indicator (higher is better). */
class FinancingTest {
    static final String ID = FindingsTest.ID;

    @Test
    void ranksPlacementCompletenessAndTotal() {
        List<IndicatorResult> rows = List.of(
                Rows.plain(ID, 2023, 3, "rhf", "1", 9.0, 10.0),
                Rows.plain(ID, 2023, 3, "rhf", "2", 7.0, 10.0),
                Rows.plain(ID, 2023, 3, "rhf", "3", 18.0, 20.0),
                Rows.plain(ID, 2023, 3, "rhf", "4", null, null),
                Rows.plain(ID, 2023, 3, "hospital", "h1", 9.0, 10.0),
                Rows.plain(ID, 2022, 3, "hospital", "h2", 9.0, 10.0),
                Rows.plain(ID, 2023, 3, "hospital", "h3", 7.0, 10.0),
                Rows.plain(ID, 2023, 3, "hospital", "h4", null, null));
        Map<String, String> hospitalRhf = Map.of("h1", "1", "h2", "1", "h3", "2", "h4", "4", "h5", "3");
        Financing f = Financing.of(2024, List.of(ID, "stroke_unit_treated"), rows, Map.of(ID, FindingsTest.META), hospitalRhf);
        assertEquals(List.of(ID), f.indicators());
        assertEquals(List.of("stroke_unit_treated"), f.missing());
        // 0.9 (RHF 1) and 0.9 (RHF 3) tie at rank 1; 0.7 is rank 3 of 3 ranked; RHF 4 is suppressed (rank 0)
        Map<String, Financing.Placement> p = new java.util.TreeMap<>();
        f.placements().forEach(x -> p.put(x.rhfId(), x));
        assertEquals(List.of(1, 3, 1, 0), List.of(p.get("1").rank(), p.get("2").rank(), p.get("3").rank(), p.get("4").rank()));
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0), List.of(p.get("1").placementScore(), p.get("2").placementScore(),
                p.get("3").placementScore(), p.get("4").placementScore()));
        // completeness: RHF 1 has h1 (reported) and h2 (only in 2022-T3) -> 1/2; RHF 2 h3 -> 1; RHF 3 no hospital
        // rows -> 0; RHF 4 h4 suppressed -> 0/1
        assertEquals(List.of(0.5, 1.0, 0.0, 0.0), List.of(p.get("1").completeness(), p.get("2").completeness(),
                p.get("3").completeness(), p.get("4").completeness()));
        // totals 0.95 * placement + 0.05 * completeness: 0.975, 0.95, 0.05, 0
        assertEquals(List.of("1", "3", "2", "4"), f.scores().stream().map(Financing.RhfScore::rhfId).toList());
        assertEquals(0.975, f.scores().get(0).total(), 1e-12);
        assertEquals(0.95, f.scores().get(1).total(), 1e-12);
        assertEquals(0.05, f.scores().get(2).total(), 1e-12);
        assertEquals(0.0, f.scores().get(3).total(), 1e-12);
        assertEquals(List.of(1, 2, 3, 4), f.scores().stream().map(Financing.RhfScore::rank).toList());
    }

    @Test
    void theDemosEditionHasFinancingIndicators() throws Exception {
        // kvik demo releases edition 2025-1 (DemoCommand's default); its financing view is that of the year it is
        // published in, which must list indicators or the view (and the report's financing section) is empty
        var catalogue = no.kvik.catalog.Catalogue.load(ReleaseFixture.HOME.indicators(),
                no.kvik.contract.Contracts.load(ReleaseFixture.HOME.contracts()));
        String demoEdition = no.kvik.cli.Kvik.commandLine().getSubcommands().get("demo").getCommandSpec()
                .findOption("--edition").defaultValue();
        assertEquals("2025-1", demoEdition);
        Calendar calendar = Calendar.load(ReleaseFixture.HOME.sql().resolve("calendar").resolve(Calendar.FILE));
        int year = calendar.get(demoEdition).published().getYear();
        assertEquals(9, Financing.loadIndicators(ReleaseFixture.HOME.sql().resolve("calendar/financing.csv"), catalogue)
                .getOrDefault(year, List.of()).size());
    }

    @Test
    void financingListIsCheckedAgainstTheCatalogue() throws Exception {
        var catalogue = no.kvik.catalog.Catalogue.load(ReleaseFixture.HOME.indicators(),
                no.kvik.contract.Contracts.load(ReleaseFixture.HOME.contracts()));
        assertEquals(9, Financing.loadIndicators(ReleaseFixture.HOME.sql().resolve("calendar/financing.csv"), catalogue)
                .get(2024).size());
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("financing", ".csv");
        java.nio.file.Files.writeString(bad, "year,indicator_id,basis\n2024,no_such_indicator,inferred\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Financing.loadIndicators(bad, catalogue));
        assertEquals(bad + " row 2, field indicator_id: unknown indicator 'no_such_indicator'", e.getMessage());
        java.nio.file.Files.delete(bad);
    }
}
