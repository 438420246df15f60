package no.kvik.calibration;

/**
 * What a null-simulation false-flag rate says against the targets (±1 point of 5 % at 95 %, ≤ 0.4 % at
 * 99.8 %), so the printed verdict matches engine/docs/statistics.md ("What the targets now say"): a rate outside the
 * target by no more than 2 Monte Carlo SE is not told from it; a rate below 4 % at 95 % is conservative, and where the
 * doc gives the reason it is conservative by construction rather than a miss: funnels of fewer than 10 units (the
 * RHFs: each unit is a large share of the data its own τ² is estimated from, so a deviating unit widens its own
 * limits), units expecting fewer than 5 events (a discrete exact test cannot reach its nominal level), and the pure
 * null (no real variation: τ² comes out above 0 whenever Σz² exceeds c by chance, which only widens the limits).
 */
public final class CalibrationVerdict {
    static final double INNER_LOW = 0.04;
    static final double INNER_HIGH = 0.06;
    static final double OUTER_HIGH = 0.004;
    /** Below this many units per funnel no τ² rule reaches 5 % (statistics.md, "RHF (4 units)"). */
    static final int FEW_UNITS = 10;

    private CalibrationVerdict() {
    }

    /**
     * @param unitsPerFunnel units of one funnel (per replicate)
     * @param fewEvents      the rate is mostly over units expecting fewer than 5 events
     * @param pureNull       the scenario has no random unit effects
     */
    public static String of(FlagTally t, double unitsPerFunnel, boolean fewEvents, boolean pureNull) {
        if (t.units() == 0) return "";
        double inner = t.innerRate();
        double outer = t.outerRate();
        double innerSe = FlagTally.monteCarloSe(inner, t.units());
        double outerSe = FlagTally.monteCarloSe(outer, t.units());
        if (outer > OUTER_HIGH || inner > INNER_HIGH) {
            boolean noise = (outer <= OUTER_HIGH || outer - OUTER_HIGH <= 2 * outerSe)
                    && (inner <= INNER_HIGH || inner - INNER_HIGH <= 2 * innerSe);
            return noise ? "above target by < 2 SE (not told from it)" : "MISS: above target";
        }
        if (inner < INNER_LOW) {
            if (INNER_LOW - inner <= 2 * innerSe) return "met (within 2 SE)";
            if (unitsPerFunnel < FEW_UNITS) return "conservative by construction: fewer than 10 units per funnel";
            if (fewEvents) return "conservative by construction: < 5 expected events (discrete exact test)";
            if (pureNull) return "conservative by construction: pure null (tau2 > 0 by chance)";
            return "MISS: conservative";
        }
        return "met";
    }

    /** The verdict of a row pooling size bands: few events when most of its unit-replicates expect fewer than 5. */
    public static String of(NullSimulation.Tallies t, double unitsPerFunnel, boolean pureNull) {
        return of(t.all(), unitsPerFunnel, 2 * t.bands().get(0).units() > t.all().units(), pureNull);
    }
}
