package no.kvik.synth;

/** Kinds of planted data faults; each faulty row carries exactly one. */
enum Fault {
    /** A code that is not in the code system (e.g. main_diagnosis not in ICD-10). */
    INVALID_CODE,
    /** A required field left empty. */
    MISSING_REQUIRED,
    /** An organisation number that is not in the reference (behandlingssteder). */
    DANGLING_UNIT,
    /** A date order that cannot happen (discharge before admission, end before start). */
    IMPOSSIBLE_DATE,
    /** An age outside the contract range (130). */
    IMPOSSIBLE_AGE,
    /** An exact duplicate row (the copy is counted, not the original). */
    DUPLICATE_ROW
}
