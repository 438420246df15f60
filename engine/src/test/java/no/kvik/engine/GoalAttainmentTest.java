package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import no.kvik.catalog.Direction;
import no.kvik.catalog.Target;
import org.junit.jupiter.api.Test;

class GoalAttainmentTest {

    @Test
    void bandsAreReadWithTheDirection() {
        Target up = new Target(null, 0.9, 0.8);   // hjerneslag_beh_enhet: green >= 0.90, yellow >= 0.80
        assertEquals("high", GoalAttainment.level(0.90, up, Direction.HIGHER_IS_BETTER));
        assertEquals("medium", GoalAttainment.level(0.8999, up, Direction.HIGHER_IS_BETTER));
        assertEquals("medium", GoalAttainment.level(0.80, up, Direction.HIGHER_IS_BETTER));
        assertEquals("low", GoalAttainment.level(0.7999, up, Direction.HIGHER_IS_BETTER));
        Target down = new Target(null, 0.04, 0.08);
        assertEquals("high", GoalAttainment.level(0.04, down, Direction.LOWER_IS_BETTER));
        assertEquals("medium", GoalAttainment.level(0.05, down, Direction.LOWER_IS_BETTER));
        assertEquals("low", GoalAttainment.level(0.0801, down, Direction.LOWER_IS_BETTER));
    }

    @Test
    void aSingleTargetGivesHighOrLowAndNothingWithoutTargetOrValue() {
        Target t = new Target(250.0, null, null);
        assertEquals("high", GoalAttainment.level(250.0, t, Direction.LOWER_IS_BETTER));
        assertEquals("low", GoalAttainment.level(250.1, t, Direction.LOWER_IS_BETTER));
        assertNull(GoalAttainment.level(null, t, Direction.LOWER_IS_BETTER));
        assertNull(GoalAttainment.level(0.5, null, Direction.HIGHER_IS_BETTER));
    }
}
