package no.kvik.synth;

import java.util.Set;

/**
 * The generator of one registry family (one or a few extracts of the same source). {@link YearChunk} walks the
 * persons of a chunk-year, hands each dated person event to the family that owns it (in date order) and then
 * asks every family, in a fixed order, for its draws once per person and year. All families draw from the
 * chunk's shared streams ({@link ChunkContext}), so that order is part of the output.
 */
interface RegistryFamily {
    /** The person events this family writes; empty for a family drawn only once per person and year. */
    default Set<Cond> events() {
        return Set.of();
    }

    /** Writes the rows of one person event on {@code day}. */
    default void event(int slot, Cond c, int day) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no event " + c);
    }

    /** Draws and writes the person's rows of this year, after all of the person's events. */
    default void personYear(int slot, int age, boolean male, int daysInYear) {
    }
}
