package no.kvik.synth;

/** The cause-of-death register (death): one row for a person who died this year, after all their other rows. */
final class DeathRegistry implements RegistryFamily {
    private static final Extract DEATH = Extract.DEATH;
    private static final int PATIENT_ID = DEATH.column("patient_id"), DEATH_DATE = DEATH.column("death_date"),
            CAUSE = DEATH.column("underlying_cause"), RESIDENCE = DEATH.column("residence_municipality");

    private final ChunkContext cx;

    DeathRegistry(ChunkContext cx) {
        this.cx = cx;
    }

    @Override
    public void personYear(int slot, int age, boolean male, int daysInYear) {
        int dd = cx.people.deathDay[slot];
        if (dd < cx.jan1 || dd >= cx.nextJan1) return;
        ExtractWriter w = cx.writer(DEATH);
        int m = cx.people.muni[slot];
        cx.patient(w, PATIENT_ID, slot);
        w.date(DEATH_DATE, dd).str(CAUSE, cx.people.deathCause[slot]).str(RESIDENCE, cx.ref.municipalities.get(m).number()).end();
        cx.stats.deathsByMuni[m]++;
    }
}
