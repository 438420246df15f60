package no.kvik.oecd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The integrated-care pilot's checks: one CHF cohort for all its indicators, nested follow-up windows. */
class IntegratedCareChecksTest {
    static final StandardWeights TWO = OecdFixtures.unisex("TWO", 1, 0, 0, 0, 0, 0, 0, 0, 1);

    static AcuteIndicator byId(String id) {
        return AcuteIndicator.INTEGRATED_CARE.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    /** M 45-49 10 patients, M 85+ 20, F 45-49 12, F 85+ 30, with the given events per cell. */
    static IndicatorCounts cube(String id, double m45, double m85, double f45, double f85) {
        return OecdFixtures.cube(byId(id), 2023, List.of(new StratumCounts("M", "45-49", 10, m45),
                new StratumCounts("M", "85+", 20, m85), new StratumCounts("F", "45-49", 12, f45),
                new StratumCounts("F", "85+", 30, f85)));
    }

    static List<DeliveryRow> rows(IndicatorCounts... cubes) {
        List<DeliveryRow> rows = new ArrayList<>();
        for (IndicatorCounts c : cubes) rows.addAll(DeliveryTable.rows(c, TWO));
        return rows;
    }

    @Test
    void thePilotIsSixChfIndicatorsOfOneCohortWithAYearOfFollowUpAtMost() {
        assertEquals(6, AcuteIndicator.INTEGRATED_CARE.size());
        for (AcuteIndicator a : AcuteIndicator.INTEGRATED_CARE) {
            assertEquals(AcuteIndicator.CHF_DISCHARGES, a.cohort(), a.id());
            assertEquals(Strata.AGE_GROUPS, a.ageGroups(), a.id());
        }
        assertEquals(12, byId("oecd_chf_1y_mortality").followUpMonths());
        assertEquals(1, byId("oecd_chf_gp_contact_7d").followUpMonths());
    }

    @Test
    void aWiderWindowCountingFewerEventsFails() {
        IndicatorCounts narrow = cube("oecd_chf_30d_readmission", 1, 3, 2, 5);
        IndicatorCounts wide = cube("oecd_chf_1y_readmission", 4, 2, 6, 11);
        // only M 85+ (3 > 2); its margins are covered by the other cells (M total 4 <= 6, T 85+ 8 <= 13)
        assertEquals(List.of(
                "oecd_chf_30d_readmission 2023, sex M, age group 85+: numerator 3 exceeds the wider window's 2 (oecd_chf_1y_readmission)"),
                DeliveryChecks.nestedWindows(rows(narrow, wide), List.of(narrow, wide)).failures());
        IndicatorCounts fine = cube("oecd_chf_1y_readmission", 4, 3, 6, 11);
        assertTrue(DeliveryChecks.nestedWindows(rows(narrow, fine), List.of(narrow, fine)).passed());
    }

    @Test
    void everyPilotIndicatorMustCountTheSamePatients() {
        IndicatorCounts mortality = cube("oecd_chf_1y_mortality", 1, 6, 0, 9);
        IndicatorCounts gp = OecdFixtures.cube(byId("oecd_chf_gp_contact_7d"), 2023, List.of(
                new StratumCounts("M", "45-49", 10, 3), new StratumCounts("M", "85+", 20, 5),
                new StratumCounts("F", "45-49", 11, 2), new StratumCounts("F", "85+", 30, 8)));
        String tail = " in the same cell (both count the " + AcuteIndicator.CHF_DISCHARGES + ")";
        assertEquals(List.of(
                "oecd_chf_gp_contact_7d 2023, sex F, age group 45-49: cases 11 but oecd_chf_1y_mortality has 12" + tail,
                "oecd_chf_gp_contact_7d 2023, sex F, age group total: cases 41 but oecd_chf_1y_mortality has 42" + tail,
                "oecd_chf_gp_contact_7d 2023, sex T, age group 45-49: cases 21 but oecd_chf_1y_mortality has 22" + tail,
                "oecd_chf_gp_contact_7d 2023, sex T, age group total: cases 71 but oecd_chf_1y_mortality has 72" + tail),
                DeliveryChecks.sameCohort(rows(mortality, gp), List.of(mortality, gp)).failures());
    }
}
