package no.kvik.variation;

/** A unit left out of an analysis before any step, with the reason (e.g. zero denominator). */
public record NotComputable(String unit, String reason) {
}
