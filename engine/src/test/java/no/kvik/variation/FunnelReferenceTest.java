package no.kvik.variation;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every limit method × over-dispersion model × trim rule against base-R values frozen in
 * fixtures/stats/funnel_expected_*.csv (produced by funnel_reference.R, command in its header).
 * Data sets include O = 0, O = n, n = 6, E < 1, tied units, zero activity and I = 8 units.
 */
class FunnelReferenceTest {
    private static final double LIMIT_TOL = 1e-9;
    private static final double Z_TOL = 1e-12;

    @TestFactory
    Stream<DynamicTest> matchesIndependentR() {
        List<Map<String, String>> inputs = Fixtures.csv("funnel_units.csv");
        List<Map<String, String>> expectedUnits = Fixtures.csv("funnel_expected_units.csv");
        return Fixtures.csv("funnel_expected_summary.csv").stream().map(c -> {
            String name = c.get("dataset") + " " + c.get("kind") + " " + c.get("method") + " " + c.get("od") + " "
                    + c.get("trim");
            return DynamicTest.dynamicTest(name, () -> {
                List<UnitCount> counts = new ArrayList<>();
                for (Map<String, String> r : inputs) {
                    if (r.get("dataset").equals(c.get("dataset"))) {
                        counts.add(new UnitCount(r.get("unit"), num(r.get("O")), num(r.get("n"))));
                    }
                }
                FunnelOptions options = FunnelOptions.of(IndicatorKind.valueOf(c.get("kind").toUpperCase()),
                        LimitMethod.valueOf(c.get("method")), Overdispersion.valueOf(c.get("od")))
                        .withTrim(Trim.valueOf(c.get("trim")));
                FunnelResult result = Funnel.compute(counts, options);
                assertClose(num(c.get("target")), result.target(), Z_TOL, name + " target");
                assertClose(num(c.get("phi")), result.phi(), Z_TOL, name + " phi");
                assertClose(num(c.get("tau2")), result.tau2(), Z_TOL, name + " tau2");
                assertEquals(Integer.parseInt(c.get("kept")), result.unitsInDispersion(), name + " kept");
                int checked = 0;
                for (Map<String, String> e : expectedUnits) {
                    if (!(e.get("dataset").equals(c.get("dataset")) && e.get("method").equals(c.get("method"))
                            && e.get("od").equals(c.get("od")) && e.get("trim").equals(c.get("trim")))) {
                        continue;
                    }
                    FunnelUnit u = result.units().stream().filter(x -> x.unit().equals(e.get("unit"))).findFirst()
                            .orElseThrow(() -> new AssertionError(name + ": unit " + e.get("unit") + " missing"));
                    String w = name + " " + u.unit();
                    assertClose(num(e.get("z")), u.z(), Z_TOL, w + " z");
                    assertClose(num(e.get("zadj")), u.zAdjusted(), Z_TOL, w + " zadj");
                    assertEquals(Boolean.parseBoolean(e.get("kept")), u.keptForDispersion(), w + " kept");
                    assertClose(num(e.get("lo95")), u.limits().get(0).lower(), LIMIT_TOL, w + " lo95");
                    assertClose(num(e.get("hi95")), u.limits().get(0).upper(), LIMIT_TOL, w + " hi95");
                    assertClose(num(e.get("lo998")), u.limits().get(1).lower(), LIMIT_TOL, w + " lo998");
                    assertClose(num(e.get("hi998")), u.limits().get(1).upper(), LIMIT_TOL, w + " hi998");
                    assertClose(num(e.get("ulo95")), u.unadjustedLimits().get(0).lower(), LIMIT_TOL, w + " ulo95");
                    assertClose(num(e.get("uhi95")), u.unadjustedLimits().get(0).upper(), LIMIT_TOL, w + " uhi95");
                    assertClose(num(e.get("ulo998")), u.unadjustedLimits().get(1).lower(), LIMIT_TOL, w + " ulo998");
                    assertClose(num(e.get("uhi998")), u.unadjustedLimits().get(1).upper(), LIMIT_TOL, w + " uhi998");
                    checked++;
                }
                assertEquals(result.units().size(), checked, name + " units compared");
                assertTrue(checked >= 8);
            });
        });
    }
}
