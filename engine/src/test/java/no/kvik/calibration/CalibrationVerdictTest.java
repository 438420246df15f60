package no.kvik.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * kvik calibrate's verdict against the targets (4-6 % at 95 %, <= 0.4 % at 99.8 %): the RHFs (4 units), units
 * expecting fewer than 5 events and the pure null are conservative by construction, as statistics.md says, not
 * misses; a rate outside by less than 2 Monte Carlo SE is not told from the target. SE by hand: sqrt(r(1-r)/N).
 */
class CalibrationVerdictTest {
    @Test
    void conservativeCellsWithAStatedReasonAreNotMisses() {
        // RHF, RE SD 0.15: 1.6 % at 95 %, 0 at 99.8 % over 4 units x 100 replicates x 3 periods = 1200 (SE 0.36 points)
        FlagTally rhf = new FlagTally(1200, 19, 0, 0);
        assertEquals("conservative by construction: fewer than 10 units per funnel", CalibrationVerdict.of(rhf, 4, false, false));
        // the same rate with 66 units per funnel and no stated reason is a miss
        assertEquals("MISS: conservative", CalibrationVerdict.of(rhf, 66, false, false));
        assertEquals("conservative by construction: < 5 expected events (discrete exact test)", CalibrationVerdict.of(rhf, 66, true, false));
        assertEquals("conservative by construction: pure null (tau2 > 0 by chance)", CalibrationVerdict.of(rhf, 66, false, true));
    }

    @Test
    void aboveTargetIsAMissOnlyBeyondTwoMonteCarloStandardErrors() {
        // 0.45 % of 40,000: SE sqrt(0.0045 * 0.9955 / 40000) = 0.000334; 0.45 − 0.40 = 0.05 points < 2 SE
        assertEquals("above target by < 2 SE (not told from it)", CalibrationVerdict.of(new FlagTally(40_000, 2000, 180, 0), 144, false, false));
        // 0.45 % of 400,000: SE 0.000106; 0.05 points > 2 SE
        assertEquals("MISS: above target", CalibrationVerdict.of(new FlagTally(400_000, 20_000, 1800, 0), 144, false, false));
        // 6.4 % at 95 % of 10,000: SE 0.00245, 0.4 points < 2 SE; 6.6 %: 0.6 points > 2 SE (0.00248)
        assertEquals("above target by < 2 SE (not told from it)", CalibrationVerdict.of(new FlagTally(10_000, 640, 20, 0), 144, false, false));
        assertEquals("MISS: above target", CalibrationVerdict.of(new FlagTally(10_000, 660, 20, 0), 144, false, false));
        assertEquals("met", CalibrationVerdict.of(new FlagTally(10_000, 500, 20, 0), 144, false, false));
        // 3.8 % of 10,000: SE 0.00191, 0.2 points < 2 SE
        assertEquals("met (within 2 SE)", CalibrationVerdict.of(new FlagTally(10_000, 380, 10, 0), 144, false, false));
        // a few-units funnel above target is still a miss
        assertEquals("MISS: above target", CalibrationVerdict.of(new FlagTally(10_000, 2300, 1100, 0), 4, false, false));
    }
}
