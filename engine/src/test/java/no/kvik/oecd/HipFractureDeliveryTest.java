package no.kvik.oecd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hip-fracture indicators of the delivery (ages 65+: standardised over 65-69 … 85+ only) and the checks that
 * compare indicators with each other (same admissions, linked ≥ in-hospital) or a rate with its strata.
 */
class HipFractureDeliveryTest {
    static final AcuteIndicator HIP_IN_HOSPITAL = byId("oecd_hip_fracture_30d_mortality_in_hospital");
    static final AcuteIndicator HIP_LINKED = byId("oecd_hip_fracture_30d_mortality_linked");
    static final AcuteIndicator HIP_SURGERY = byId("oecd_hip_fracture_surgery_2d");
    /** ESP 2013 in the OECD age groups (85+ = 85-89 + 90-94 + 95+), with its weights on 45-64 too. */
    static final StandardWeights ESP = OecdFixtures.unisex("ESP2013", 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500,
            2500);

    static AcuteIndicator byId(String id) {
        return AcuteIndicator.ALL.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    static DeliveryRow row(List<DeliveryRow> rows, String sex, String age) {
        return rows.stream().filter(r -> r.sex().equals(sex) && r.ageGroup().equals(age)).findFirst().orElseThrow();
    }

    /** The fixture's cells with {@code numerator} (deaths or operated) as the events. */
    static List<StratumCounts> fixture(String numerator) {
        List<StratumCounts> cells = new ArrayList<>();
        for (Map<String, String> r : OecdFixtures.csv("oecd_hip_strata.csv")) {
            cells.add(new StratumCounts(r.get("sex"), r.get("age_group"), Double.parseDouble(r.get("cases")),
                    Double.parseDouble(r.get(numerator))));
        }
        return cells;
    }

    @Test
    void theIndicatorsAre65AndOverAndTheSurgeryOneCountsOperations() {
        for (AcuteIndicator a : List.of(HIP_IN_HOSPITAL, HIP_LINKED, HIP_SURGERY)) {
            assertEquals(List.of("65-69", "70-74", "75-79", "80-84", "85+"), a.ageGroups(), a.id());
        }
        assertEquals(Strata.AGE_GROUPS, AcuteIndicator.ALL.get(0).ageGroups());
        assertTrue(HIP_LINKED.isMortality());
        assertEquals(AcuteIndicator.OPERATED_2D, HIP_SURGERY.numeratorIs());
        assertEquals(9, AcuteIndicator.ALL.size());
    }

    /**
     * Against oecd_hip_reference.R (base R, ESP 2013 restricted to 65+). Standardised over all nine groups the
     * empty 45-64 strata (weight > 0) would leave the rate out.
     */
    @Test
    void hipFractureRatesMatchTheRReferenceOverTheAgesFrom65() {
        List<Map<String, String>> expected = OecdFixtures.csv("oecd_hip_expected.csv");
        assertEquals(6, expected.size());
        for (Map<String, String> e : expected) {
            AcuteIndicator a = e.get("numerator").equals("deaths") ? HIP_IN_HOSPITAL : HIP_SURGERY;
            List<DeliveryRow> rows = DeliveryTable.rows(OecdFixtures.cube(a, 2023, fixture(e.get("numerator"))), ESP);
            DeliveryRow r = row(rows, e.get("sex"), "total");
            String what = e.get("numerator") + " " + e.get("sex");
            assertNull(r.note(), what);
            assertEquals(Double.parseDouble(e.get("rate")), r.stdRate(), 1e-14, what + " rate");
            assertEquals(Double.parseDouble(e.get("low")), r.stdLow(), 1e-10, what + " low");
            assertEquals(Double.parseDouble(e.get("high")), r.stdHigh(), 1e-10, what + " high");
        }
    }

    @Test
    void ageGroupsBelow65KeepTheirRowsWithNoCasesAndANote() {
        List<DeliveryRow> rows = DeliveryTable.rows(OecdFixtures.cube(HIP_LINKED, 2023, fixture("deaths")), ESP);
        assertEquals(30, rows.size());
        DeliveryRow young = row(rows, "F", "60-64");
        assertEquals(0.0, young.cases());
        assertNull(young.crudeRate());
        assertEquals("outside the indicator's ages (65+)", young.note());
        assertNull(row(rows, "F", "65-69").note());
        List<CheckResult> checks = DeliveryChecks.all(rows, List.of(OecdFixtures.cube(HIP_LINKED, 2023,
                fixture("deaths"))), List.of());
        checks.forEach(c -> assertTrue(c.passed(), c.name() + ": " + c.failures()));
    }

    @Test
    void casesBelowTheYoungestAgeFail() {
        List<StratumCounts> cells = new ArrayList<>(fixture("deaths"));
        cells.add(new StratumCounts("M", "60-64", 3, 1));
        IndicatorCounts c = OecdFixtures.cube(HIP_IN_HOSPITAL, 2023, cells);
        assertEquals(List.of(HIP_IN_HOSPITAL.id() + " 2023, sex M, age group 60-64: 3 case(s) below the indicator's "
                        + "youngest age 65", HIP_IN_HOSPITAL.id() + " 2023, sex T, age group 60-64: 3 case(s) below the "
                        + "indicator's youngest age 65"),
                DeliveryChecks.agesInRange(DeliveryTable.rows(c, ESP), List.of(c)).failures());
    }

    /** M 65-69 1/31 ≈ 0.0323 … M 85+ 13/88 ≈ 0.1477: a standardised rate of 0.2 is no weighted mean of those. */
    @Test
    void aStandardisedRateOutsideItsStrataFails() {
        IndicatorCounts c = OecdFixtures.cube(HIP_IN_HOSPITAL, 2023, fixture("deaths"));
        List<DeliveryRow> rows = new ArrayList<>();
        for (DeliveryRow r : DeliveryTable.rows(c, ESP)) {
            rows.add(r.sex().equals("M") && r.ageGroup().equals("total") ? new DeliveryRow(r.indicatorId(),
                    r.indicatorName(), r.condition(), r.dataType(), r.year(), r.sex(), r.ageGroup(), r.cases(),
                    r.deaths(), r.crudeRate(), 0.2, r.stdLow(), r.stdHigh(), r.standard(), r.note()) : r);
        }
        assertEquals(List.of(HIP_IN_HOSPITAL.id() + " 2023, sex M, age group total: standardised rate 0.2 outside the "
                        + "range of its strata's crude rates [" + 1.0 / 31 + ", " + 13.0 / 88 + "]"),
                DeliveryChecks.stdWithinStrata(rows, List.of(c)).failures());
    }

    @Test
    void theSurgeryIndicatorMustCountTheSameAdmissionsAsInHospitalMortality() {
        IndicatorCounts mortality = OecdFixtures.cube(HIP_IN_HOSPITAL, 2023, fixture("deaths"));
        IndicatorCounts surgery = OecdFixtures.cube(HIP_SURGERY, 2023, fixture("operated"));
        List<DeliveryRow> rows = new ArrayList<>(DeliveryTable.rows(mortality, ESP));
        rows.addAll(DeliveryTable.rows(surgery, ESP));
        assertTrue(DeliveryChecks.sameCohort(rows, List.of(mortality, surgery)).passed());

        List<StratumCounts> fewer = new ArrayList<>(fixture("operated"));
        fewer.set(4, new StratumCounts("M", "85+", 80, 71)); // 8 unoperated stays dropped from the denominator
        IndicatorCounts dropped = OecdFixtures.cube(HIP_SURGERY, 2023, fewer);
        rows = new ArrayList<>(DeliveryTable.rows(mortality, ESP));
        rows.addAll(DeliveryTable.rows(dropped, ESP));
        String other = " but " + HIP_IN_HOSPITAL.id() + " has ";
        assertEquals(List.of(
                HIP_SURGERY.id() + " 2023, sex M, age group 85+: cases 80" + other + "88 in the same cell (both count the hip-fracture admissions)",
                HIP_SURGERY.id() + " 2023, sex M, age group total: cases 288" + other + "296 in the same cell (both count the hip-fracture admissions)",
                HIP_SURGERY.id() + " 2023, sex T, age group 85+: cases 310" + other + "318 in the same cell (both count the hip-fracture admissions)",
                HIP_SURGERY.id() + " 2023, sex T, age group total: cases 931" + other + "939 in the same cell (both count the hip-fracture admissions)"),
                DeliveryChecks.sameCohort(rows, List.of(mortality, dropped)).failures());
    }

    /** In-hospital 76/939 ≈ 0.0809; linked 70/900 ≈ 0.0778 is below it, 80/900 ≈ 0.0889 is not. */
    @Test
    void linkedMortalityBelowInHospitalFails() {
        IndicatorCounts inHospital = OecdFixtures.cube(HIP_IN_HOSPITAL, 2023, fixture("deaths"));
        IndicatorCounts low = OecdFixtures.cube(HIP_LINKED, 2023, List.of(new StratumCounts("M", "85+", 400, 30),
                new StratumCounts("F", "85+", 500, 40)));
        IndicatorCounts high = OecdFixtures.cube(HIP_LINKED, 2023, List.of(new StratumCounts("M", "85+", 400, 35),
                new StratumCounts("F", "85+", 500, 45)));
        List<DeliveryRow> rows = new ArrayList<>(DeliveryTable.rows(inHospital, ESP));
        rows.addAll(DeliveryTable.rows(low, ESP));
        assertEquals(List.of(HIP_LINKED.id() + " 2023, sex T, age group total: linked crude rate " + 70.0 / 900
                        + " is below the in-hospital one " + 76.0 / 939 + " (" + HIP_IN_HOSPITAL.id()
                        + "): deaths outside hospital missing from the linkage?"),
                DeliveryChecks.linkedAtLeastInHospital(rows, List.of(inHospital, low)).failures());
        rows = new ArrayList<>(DeliveryTable.rows(inHospital, ESP));
        rows.addAll(DeliveryTable.rows(high, ESP));
        assertTrue(DeliveryChecks.linkedAtLeastInHospital(rows, List.of(inHospital, high)).passed());
    }
}
