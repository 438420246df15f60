package no.kvik.oecd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integrated-care pilot's checks: one cohort per condition (CHF, AMI) for all its indicators, nested follow-up
 * windows, medication linked to the cohort. Expected messages worked out by hand from the cells.
 */
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
    void thePilotIsSixChfAndNineAmiIndicatorsOfTwoCohortsWithAYearOfFollowUpAtMost() {
        assertEquals(15, AcuteIndicator.INTEGRATED_CARE.size());
        for (AcuteIndicator a : AcuteIndicator.INTEGRATED_CARE) {
            assertEquals(a.id().startsWith("oecd_chf_") ? AcuteIndicator.CHF_DISCHARGES : AcuteIndicator.AMI_DISCHARGES,
                    a.cohort(), a.id());
            assertEquals(Strata.AGE_GROUPS, a.ageGroups(), a.id());
        }
        assertEquals(12, byId("oecd_chf_1y_mortality").followUpMonths());
        assertEquals(1, byId("oecd_chf_gp_contact_7d").followUpMonths());
        assertEquals(12, byId("oecd_ami_statin_1y").followUpMonths());
        // the acute-care indicators (most without a cohort) are none of the pilot's: a delivery without
        // --integrated-care asks no primary-care coverage (this threw a NullPointerException once)
        assertTrue(AcuteIndicator.INTEGRATED_CARE.stream().allMatch(AcuteIndicator::isIntegratedCare));
        assertTrue(AcuteIndicator.ALL.stream().noneMatch(AcuteIndicator::isIntegratedCare));
        assertEquals(List.of("oecd_chf_acei_arb_and_beta_blocker_1y", "oecd_ami_statin_1y", "oecd_ami_antiplatelet_1y",
                "oecd_ami_beta_blocker_1y", "oecd_ami_acei_arb_1y"), AcuteIndicator.INTEGRATED_CARE.stream()
                .filter(AcuteIndicator::isMedication).map(AcuteIndicator::id).toList());
    }

    @Test
    void theAmiCohortsWindowsNestToo() {
        IndicatorCounts narrow = cube("oecd_ami_gp_contact_7d", 2, 1, 0, 4);
        IndicatorCounts wide = cube("oecd_ami_gp_contact_30d", 5, 1, 3, 3);
        // F 85+ (4 > 3) and so T 85+ (1 + 4 = 5 > 1 + 3 = 4); the other cells and totals hold (F 4 <= 6, T 7 <= 12)
        assertEquals(List.of(
                "oecd_ami_gp_contact_7d 2023, sex F, age group 85+: numerator 4 exceeds the wider window's 3 (oecd_ami_gp_contact_30d)",
                "oecd_ami_gp_contact_7d 2023, sex T, age group 85+: numerator 5 exceeds the wider window's 4 (oecd_ami_gp_contact_30d)"),
                DeliveryChecks.nestedWindows(rows(narrow, wide), List.of(narrow, wide)).failures());
    }

    @Test
    void aMedicationIndicatorWithNoDispensingInACohortOfTwentyOrMoreFails() {
        // cohort of 72 (10 + 20 + 12 + 30), no statin dispensed in any cell: the linkage is broken
        IndicatorCounts none = cube("oecd_ami_statin_1y", 0, 0, 0, 0);
        assertEquals(List.of("oecd_ami_statin_1y 2023, sex T, age group total: no dispensing for any of 72 patients "
                        + "(AMI discharges): is the prescription registry linked to the cohort (patient ids, the follow-up year)?"),
                DeliveryChecks.medicationLinked(rows(none), List.of(none)).failures());
        // one dispensing anywhere passes; so does a cohort of 19 with none (0.7^19 is not small enough to tell)
        assertTrue(DeliveryChecks.medicationLinked(rows(cube("oecd_ami_statin_1y", 0, 0, 1, 0)),
                List.of(cube("oecd_ami_statin_1y", 0, 0, 1, 0))).passed());
        IndicatorCounts small = OecdFixtures.cube(byId("oecd_chf_acei_arb_and_beta_blocker_1y"), 2023, List.of(
                new StratumCounts("M", "70-74", 10, 0), new StratumCounts("F", "70-74", 9, 0)));
        assertTrue(DeliveryChecks.medicationLinked(rows(small), List.of(small)).passed());
        // a mortality indicator with no deaths is no linkage question
        IndicatorCounts noDeaths = cube("oecd_ami_1y_mortality", 0, 0, 0, 0);
        assertTrue(DeliveryChecks.medicationLinked(rows(noDeaths), List.of(noDeaths)).passed());
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
