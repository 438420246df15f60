package no.kvik.synth;

/** Counters of one chunk-year, merged over chunks (integers, so the merge order does not matter). */
final class ChunkStats {
    final int[][][] population;
    final int[] deathsByMuni;
    final int[][] nursingLongAtYearEnd;
    final long[] inpatientDays;
    final int[][] electiveOps;
    final int[] strokeDen, strokeUnit, thrombDen, thromb40, nstemiDen, nstemi72;
    final int[][] hipDen, hip48;
    final long[] cases = new long[Cond.values().length];
    final long[] deaths30 = new long[Cond.values().length];

    ChunkStats(int nMuni, int nSites, int nYears) {
        population = new int[nMuni][2][People.MAX_AGE + 1];
        deathsByMuni = new int[nMuni];
        nursingLongAtYearEnd = new int[nYears][nMuni];
        inpatientDays = new long[nSites];
        electiveOps = new int[nSites][12];
        strokeDen = new int[nSites];
        strokeUnit = new int[nSites];
        thrombDen = new int[nSites];
        thromb40 = new int[nSites];
        nstemiDen = new int[nSites];
        nstemi72 = new int[nSites];
        hipDen = new int[nSites][3];
        hip48 = new int[nSites][3];
    }

    void add(ChunkStats o) {
        for (int m = 0; m < population.length; m++) {
            for (int s = 0; s < 2; s++) for (int a = 0; a <= People.MAX_AGE; a++) population[m][s][a] += o.population[m][s][a];
            deathsByMuni[m] += o.deathsByMuni[m];
        }
        for (int y = 0; y < nursingLongAtYearEnd.length; y++) {
            for (int m = 0; m < deathsByMuni.length; m++) nursingLongAtYearEnd[y][m] += o.nursingLongAtYearEnd[y][m];
        }
        for (int s = 0; s < strokeDen.length; s++) {
            inpatientDays[s] += o.inpatientDays[s];
            for (int mo = 0; mo < 12; mo++) electiveOps[s][mo] += o.electiveOps[s][mo];
            strokeDen[s] += o.strokeDen[s];
            strokeUnit[s] += o.strokeUnit[s];
            thrombDen[s] += o.thrombDen[s];
            thromb40[s] += o.thromb40[s];
            nstemiDen[s] += o.nstemiDen[s];
            nstemi72[s] += o.nstemi72[s];
            for (int t = 0; t < 3; t++) {
                hipDen[s][t] += o.hipDen[s][t];
                hip48[s][t] += o.hip48[s][t];
            }
        }
        for (int c = 0; c < cases.length; c++) {
            cases[c] += o.cases[c];
            deaths30[c] += o.deaths30[c];
        }
    }
}
