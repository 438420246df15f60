package no.kvik.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;

/**
 * Writes a full synthetic national extract set: one file per extract type and year in the exact shape of
 * its contract, plus {@code truth.json} with the planted effects, the reporting gap and exact fault counts.
 * The same (seed, scale, years) always gives byte-identical files, whatever the thread count.
 */
public final class Synthesizer {
    /** Register slots per work unit; fixed so output never depends on the number of threads. */
    static final int CHUNK = 50_000;
    /** The largest --scale: 20 times Norway's 5.5 M inhabitants. */
    public static final double MAX_SCALE = 20;

    /** Settings of one run. */
    public record Settings(double scale, int firstYear, int lastYear, long seed, Path out, int threads,
                           int wrongVersionFiles) {
        /** Settings without files on a wrong message version (the default). */
        public Settings(double scale, int firstYear, int lastYear, long seed, Path out, int threads) {
            this(scale, firstYear, lastYear, seed, out, threads, 0);
        }

        public Settings {
            if (wrongVersionFiles < 0) throw new IllegalArgumentException("--wrong-version-files must be 0 or more");
            // up to 20 times Norway: the population is held in int-indexed primitive arrays (about 40 bytes a person,
            // 2.2 GB of heap at scale 10) and every output is streamed to its file (issue #17: ten times Norway)
            if (!(scale > 0) || scale > MAX_SCALE) {
                throw new IllegalArgumentException("--scale must be in (0, " + (int) MAX_SCALE + "], got " + scale);
            }
            if (firstYear < 1990 || lastYear > 2100 || firstYear > lastYear) {
                throw new IllegalArgumentException("--years must be a range within 1990-2100, got " + firstYear + "-" + lastYear);
            }
            if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1");
        }
    }

    /** Per-extract output figures of a run. */
    public record FileFigures(String extract, long rows, long bytes) {
    }

    /** What a run produced, for the command's summary and the benchmark. */
    public record Result(Map<String, FileFigures> byExtract, long totalRows, long totalBytes, double seconds, Path truth) {
    }

    /** Shared read-only state of a run, handed to every chunk. */
    record Run(SynthReference ref, Plan plan, People people, Codes codes, Map<Extract, Contract> contracts,
               int[] university, double[] ownGp, boolean[] urbanMuni, Map<String, Double> answerShare,
               ExtractWriter.BlockPool blocks, MunicipalServicePlan services,
               PrivateSpecialistReports privateSpecialists) {
        Contract contract(Extract e) {
            return contracts.get(e);
        }

        int universityOf(int site) {
            return university[site];
        }

        double ownGpShare(int m) {
            return ownGp[m];
        }

        boolean urban(int m) {
            return urbanMuni[m];
        }

        /** Share answered fast: within 10 s for an AMK (113) central, within 2 min for a legevakt (116117) central. */
        double answerShare(String central) {
            return answerShare.get(central);
        }
    }

    private final Settings settings;
    private final SynthReference ref;
    /** The tree written to truth.json by the latest {@link #generate()}, for tests of its order. */
    Map<String, Object> lastTruth;
    private final Contracts contracts;

    private final Path referenceDir;
    /** The files written on a wrong message version by the latest {@link #generate()}, for truth.json. */
    private final List<Map<String, Object>> wrongVersionFiles = new ArrayList<>();

    public Synthesizer(Settings settings, Path referenceDir, Contracts contracts) {
        this.settings = settings;
        this.referenceDir = referenceDir;
        this.ref = SynthReference.load(referenceDir);
        this.contracts = contracts;
    }

    public Result generate() throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(settings.out());
        Map<Extract, Contract> cmap = contractsByExtract();
        Plan plan = new Plan(ref, settings.seed(), settings.scale(), settings.firstYear(), settings.lastYear());
        People people = new People(ref, plan, settings.scale(), settings.seed(), settings.firstYear());
        plan.calibrate(people);
        Codes codes = new Codes(ref);
        Run run = new Run(ref, plan, people, codes, cmap, universities(), ownGpShares(plan), urban(),
                answerShares(plan), new ExtractWriter.BlockPool(512), new MunicipalServicePlan(ref, settings.seed()),
                new PrivateSpecialistReports(PrivateSpecialistReports.load(referenceDir), settings.seed(),
                        settings.scale(), settings.lastYear()));

        int nChunks = (people.size + CHUNK - 1) / CHUNK;
        Totals totals = new Totals();
        ChunkStats all = newStats();
        Spill spill = new Spill(nChunks);
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            for (int year = settings.firstYear(); year <= settings.lastYear(); year++) {
                Map<Extract, long[]> counts = new EnumMap<>(Extract.class);
                long[][] yearFaults = new long[Extract.values().length][Fault.values().length];
                ChunkStats stats = writePersonExtracts(pool, run, year, nChunks, spill, counts, yearFaults);
                all.add(stats);
                writeUnitExtracts(run, year, stats, all, counts);
                totals.addYear(year, counts, yearFaults, stats, settings.scale());
            }
        } finally {
            pool.shutdownNow();
        }
        writeWrongVersionFiles(cmap.get(Extract.NPR_SOMATIC));
        Path truth = settings.out().resolve("truth.json");
        writeTruth(truth, run, people, totals.faultTruth, totals.volumes, totals.fileRows);
        long totalRows = totals.figures.values().stream().mapToLong(FileFigures::rows).sum();
        long totalBytes = totals.figures.values().stream().mapToLong(FileFigures::bytes).sum();
        return new Result(totals.figures, totalRows, totalBytes, (System.nanoTime() - t0) / 1e9, truth);
    }

    /** The message version the synthetic wrong-version files are written on (the contracts accept 5.0). */
    static final String WRONG_VERSION = "4.0";
    /** Stream key (kind UNITS, year 0) of the hospitals and tertials of the wrong-version files. */
    private static final long WRONG_VERSION_STREAM = 9_102;

    /**
     * With {@code --wrong-version-files N}: N npr_somatic deliveries of single hospitals for single tertials
     * ({@code npr_somatic_<orgnr>_<YYYY>T<n>_v4.0.csv}), on a message version the contract does not accept, so the
     * ingest rejects them by name without reading them: header only. Hospitals and tertials are drawn on a stream
     * of their own; no other file changes. Named in truth.json under {@code wrong_version_files}.
     */
    private void writeWrongVersionFiles(Contract somatic) throws IOException {
        wrongVersionFiles.clear();
        if (settings.wrongVersionFiles() == 0) return;
        SplittableRandom r = Rng.stream(settings.seed(), Rng.UNITS, 0, WRONG_VERSION_STREAM);
        java.util.Set<String> names = new java.util.TreeSet<>();
        int tertials = 3 * (settings.lastYear() - settings.firstYear() + 1);
        int wanted = Math.min(settings.wrongVersionFiles(), ref.sites.size() * tertials);
        while (names.size() < wanted) {
            SynthReference.Site site = ref.sites.get(r.nextInt(ref.sites.size()));
            int k = r.nextInt(tertials);
            int year = settings.firstYear() + k / 3;
            String name = "npr_somatic_" + site.orgnr() + "_" + year + "T" + (k % 3 + 1) + "_v" + WRONG_VERSION + ".csv";
            if (!names.add(name)) continue;
            ExtractWriter h = new ExtractWriter(somatic, Extract.NPR_SOMATIC.columns);
            h.header();
            try (OutputStream o = Files.newOutputStream(settings.out().resolve(name))) {
                h.writeTo(o);
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", name);
            f.put("provider_org", site.orgnr());
            f.put("tertial_start", year + "-" + String.format("%02d", 1 + 4 * (k % 3)) + "-01");
            f.put("message_version", WRONG_VERSION);
            wrongVersionFiles.add(f);
        }
        wrongVersionFiles.sort(java.util.Comparator.comparing(m -> (String) m.get("file")));
    }

    /** The contract of every extract; its columns must be the generator's, in order. */
    private Map<Extract, Contract> contractsByExtract() {
        Map<Extract, Contract> cmap = new EnumMap<>(Extract.class);
        for (Extract e : Extract.values()) {
            Contract c = contracts.byId(e.id).orElseThrow(() -> new IllegalStateException("no contract '" + e.id + "'"));
            if (!c.columnNames().equals(e.columns)) {
                throw new IllegalStateException("contract " + e.id + " columns " + c.columnNames() + " differ from the generator's " + e.columns);
            }
            cmap.put(e, c);
        }
        return cmap;
    }

    private ChunkStats newStats() {
        return new ChunkStats(ref.municipalities.size(), ref.sites.size(), settings.lastYear() - settings.firstYear() + 1);
    }

    /** Each chunk's npr_somatic rows discharged next year, with their fault counts, until next year's files take them. */
    private static final class Spill {
        final ExtractWriter[] rows;
        final long[][] faults;

        Spill(int nChunks) {
            rows = new ExtractWriter[nChunks];
            faults = new long[nChunks][];
        }
    }

    /** What the years add up to for the summary and truth.json: figures, fault counts, volumes and rows per file. */
    private static final class Totals {
        final Map<String, FileFigures> figures = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> faultTruth = new LinkedHashMap<>();
        final Map<String, Object> volumes = new LinkedHashMap<>();
        final Map<String, Long> fileRows = new LinkedHashMap<>();

        void addYear(int year, Map<Extract, long[]> counts, long[][] yearFaults, ChunkStats stats, double scale) {
            for (Extract e : Extract.values()) {
                long[] c = counts.get(e);
                if (c == null) continue; // not delivered this year (the cancer registry's one file)
                String file = e.fileName(year);
                fileRows.put(file, c[0]);
                figures.merge(e.id, new FileFigures(e.id, c[0], c[1]),
                        (a, b) -> new FileFigures(a.extract(), a.rows() + b.rows(), a.bytes() + b.bytes()));
                if (!e.faults.isEmpty()) faultTruth.put(file, faultKinds(e, yearFaults[e.ordinal()]));
            }
            Map<String, Object> v = new LinkedHashMap<>();
            for (Cond c : Cond.values()) {
                if (stats.cases[c.ordinal()] == 0 && stats.deaths30[c.ordinal()] == 0) continue;
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("events", stats.cases[c.ordinal()]);
                x.put("deaths_30d", stats.deaths30[c.ordinal()]);
                x.put("expected_events", Math.round(c.national * scale));
                v.put(c.name(), x);
            }
            volumes.put(Integer.toString(year), v);
        }

        private static Map<String, Object> faultKinds(Extract e, long[] counts) {
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (Fault f : e.faultKinds) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("count", counts[f.ordinal()]);
                k.put("field", e.faults.get(f));
                kinds.put(f.name(), k);
            }
            return kinds;
        }
    }

    /**
     * Runs the year's chunks on the pool and appends their output to the year's files in chunk order, each chunk
     * after the rows the same chunk spilled from last year; returns the year's counters.
     */
    private ChunkStats writePersonExtracts(ExecutorService pool, Run run, int year, int nChunks, Spill spill,
                                           Map<Extract, long[]> counts, long[][] yearFaults) throws IOException {
        // a bounded window of chunks in flight keeps the buffered output (and GC copying) small
        List<Future<YearChunk>> futures = new ArrayList<>();
        int window = 2 * settings.threads();
        for (int k = 0; k < nChunks; k++) futures.add(null);
        for (int k = 0; k < Math.min(window, nChunks); k++) futures.set(k, submit(pool, run, run.people(), year, k));
        Map<Extract, OutputStream> files = new EnumMap<>(Extract.class);
        ChunkStats stats = newStats();
        try {
            for (int k = 0; k < nChunks; k++) {
                YearChunk c = futures.get(k).get();
                if (k + window < nChunks) futures.set(k + window, submit(pool, run, run.people(), year, k + window));
                if (k == 0) {
                    for (Extract e : c.out.keySet()) files.put(e, open(e, year, run.contract(e), counts));
                }
                if (spill.rows[k] != null) {
                    append(spill.rows[k], files.get(Extract.NPR_SOMATIC), counts.get(Extract.NPR_SOMATIC));
                    for (int f = 0; f < spill.faults[k].length; f++) yearFaults[Extract.NPR_SOMATIC.ordinal()][f] += spill.faults[k][f];
                }
                for (Map.Entry<Extract, ExtractWriter> e : c.out.entrySet()) {
                    append(e.getValue(), files.get(e.getKey()), counts.get(e.getKey()));
                }
                for (int e = 0; e < yearFaults.length; e++) {
                    for (int f = 0; f < yearFaults[e].length; f++) yearFaults[e][f] += c.faults[e][f];
                }
                spill.rows[k] = c.spill;
                spill.faults[k] = c.spillFaults.clone();
                stats.add(c.stats);
                futures.set(k, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error er) throw er;
            throw new IOException(cause);
        } finally {
            for (OutputStream o : files.values()) o.close();
        }
        return stats;
    }

    /** Writes the buffered rows to the file, counts them (rows, bytes) and hands the buffers back to the pool. */
    private static void append(ExtractWriter w, OutputStream file, long[] count) throws IOException {
        w.writeTo(file);
        count[0] += w.rows();
        count[1] += w.length();
        w.release();
    }

    /** The extracts per unit (population, KOSTRA, trust reports, registry aggregates), from the year's counters. */
    private void writeUnitExtracts(Run run, int year, ChunkStats stats, ChunkStats all, Map<Extract, long[]> counts)
            throws IOException {
        UnitExtracts units = new UnitExtracts(run, year, stats, all);
        for (Extract e : new Extract[]{Extract.POPULATION, Extract.KOSTRA, Extract.TRUST_CORRIDOR,
                Extract.TRUST_POSTPONED, Extract.REGISTRY_AGGREGATE, Extract.NPR_SOMATIC_PATHWAYS, Extract.REGISTRY_QUALITY,
                Extract.TRUST_SPECIALTY_POSTPONED, Extract.KOSTRA_SERVICES, Extract.SYSVAK, Extract.PLACE_OF_DEATH,
                Extract.PATIENT_SURVEY, Extract.NPR_PRIVATE_SPECIALIST, Extract.REGISTRY_PATIENT_SAFETY,
                Extract.AMK_MISSION, Extract.CANCER_REGISTRY}) {
            // the cancer registry delivers its history once, with one status date: a file in the last year only
            if (e == Extract.CANCER_REGISTRY && year != run.plan().lastYear) continue;
            ExtractWriter w = units.write(e);
            try (OutputStream o = open(e, year, run.contract(e), counts)) {
                w.writeTo(o);
            }
            counts.get(e)[0] += w.rows();
            counts.get(e)[1] += w.length();
        }
    }

    private static Future<YearChunk> submit(ExecutorService pool, Run run, People people, int year, int k) {
        int from = k * CHUNK;
        int to = Math.min(people.size, from + CHUNK);
        YearChunk chunk = new YearChunk(run, year, k, from, to);
        return pool.submit(chunk::run);
    }

    private OutputStream open(Extract e, int year, Contract c, Map<Extract, long[]> counts) throws IOException {
        OutputStream o = new BufferedOutputStream(Files.newOutputStream(settings.out().resolve(e.fileName(year))), 1 << 20);
        ExtractWriter h = new ExtractWriter(c, e.columns);
        h.header();
        h.writeTo(o);
        counts.put(e, new long[]{0, h.length()});
        return o;
    }

    /** For each site, the regional university hospital that receives cross-catchment flow (-1 for the university itself). */
    private int[] universities() {
        int[] u = new int[ref.sites.size()];
        for (int s = 0; s < u.length; s++) {
            u[s] = -1;
            SynthReference.Site site = ref.sites.get(s);
            if (site.university()) continue;
            for (int t = 0; t < u.length; t++) {
                SynthReference.Site cand = ref.sites.get(t);
                if (cand.university() && cand.borhf() == site.borhf()) {
                    u[s] = t;
                    break;
                }
            }
        }
        return u;
    }

    /** Share of GP contacts with the patient's own GP: about 73%, lower in Finnmark and Troms. */
    /** Numbers of the municipalities with a local hospital site (catchment) that passes the test, in reference order. */
    private List<String> catchmentMunicipalities(java.util.function.IntPredicate site) {
        List<String> out = new ArrayList<>();
        for (int m = 0; m < ref.municipalities.size(); m++) {
            if (Arrays.stream(ref.catchmentSites.get(m)).anyMatch(site)) out.add(ref.municipalities.get(m).number());
        }
        return out;
    }

    /** Random county and municipality effects on the own-GP share (real between-unit variation, in truth.json). */
    static final double OWN_GP_COUNTY_SD = 0.03;
    static final double OWN_GP_MUNICIPALITY_SD = 0.04;

    private double[] ownGpShares(Plan plan) {
        SplittableRandom r = Rng.stream(plan.seed, Rng.EFFECTS, 1, 0);
        Map<String, Double> county = new LinkedHashMap<>();
        for (String c : ref.counties) county.put(c, 0.74 + OWN_GP_COUNTY_SD * r.nextGaussian());
        county.put("56", 0.45);
        county.put("55", 0.62);
        double[] s = new double[ref.municipalities.size()];
        for (int m = 0; m < s.length; m++) {
            double base = county.get(ref.municipalities.get(m).county());
            s[m] = Math.max(0.2, Math.min(0.95, base + OWN_GP_MUNICIPALITY_SD * r.nextGaussian()));
        }
        return s;
    }

    /**
     * Urban (tettbygd) municipalities: proxy rule population ≥ 15,000 (the official rule, part of a tettsted
     * with more than 10,000 inhabitants, needs settlement data the reference set does not hold).
     */
    private boolean[] urban() {
        boolean[] u = new boolean[ref.municipalities.size()];
        for (int m = 0; m < u.length; m++) u[m] = ref.municipalities.get(m).population() >= 15_000;
        return u;
    }

    /** Answer-time performance per central: AMK share within 10 s (about 93%), LVS share within 2 min (about 63%). */
    private Map<String, Double> answerShares(Plan plan) {
        SplittableRandom r = Rng.stream(plan.seed, Rng.EFFECTS, 2, 0);
        Map<String, Double> m = new LinkedHashMap<>();
        List<String> amk = new ArrayList<>(new java.util.TreeSet<>(ref.amkByBohf.values()));
        for (String c : amk) m.put(c, Math.min(0.99, 0.93 + 0.02 * r.nextGaussian()));
        m.put(ref.amkByBohf.get(16), 0.86);
        for (String c : new java.util.TreeSet<>(ref.lvsByCounty.values())) {
            m.put(c, Math.max(0.3, Math.min(0.95, 0.66 + 0.12 * r.nextGaussian())));
        }
        return m;
    }

    private void writeTruth(Path file, Run run, People people, Map<String, Map<String, Object>> faults,
                            Map<String, Object> volumes, Map<String, Long> fileRows) throws IOException {
        Map<String, Object> t = truth(run, people, faults, volumes, fileRows);
        lastTruth = t;
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            Files.writeString(file, json.writeValueAsString(t) + "\n");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The content of truth.json. Every map in it keeps a defined order (insertion-ordered or sorted), so the file
     * is byte-identical for the same seed in every JVM ({@link #unorderedMaps} checks it).
     */
    Map<String, Object> truth(Run run, People people, Map<String, Map<String, Object>> faults,
                              Map<String, Object> volumes, Map<String, Long> fileRows) {
        Plan plan = run.plan();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("generator", "kvik synth");
        t.put("seed", settings.seed());
        t.put("scale", settings.scale());
        List<Integer> years = new ArrayList<>();
        for (int y = settings.firstYear(); y <= settings.lastYear(); y++) years.add(y);
        t.put("years", years);
        Map<String, Object> pop = new LinkedHashMap<>();
        pop.put("persons", people.size);
        pop.put("municipalities", ref.municipalities.size());
        pop.put("rule", "persons per municipality = max(5, round(scale x real population)); constant every year (a death is replaced by a newborn the next 1 January)");
        t.put("population", pop);
        t.put("case_mix", caseMixTruth(plan));
        t.put("overdispersion", overdispersionTruth());
        t.put("hospital_effects", hospitalEffectsTruth(plan));
        t.put("hospital_random_effects", hospitalRandomEffectsTruth(plan));
        t.put("municipality_effects", municipalityEffectsTruth(plan));
        t.put("mental_health_effects", mentalHealthEffectsTruth(plan));
        t.put("reporting_gap", reportingGapTruth(plan));
        t.put("municipal_services", run.services().truth());
        t.put("survey_effects", PatientSurveys.truth(ref));
        t.put("cardiac_arrest", CardiacArrestRegistry.truth(ref));
        t.put("cardiac_medication", CardiacMedicationRegistry.truth(ref));
        t.put("faults", faultsTruth(run.codes(), faults));
        t.put("cancer_pathway_effects", List.of(CancerPathwayRegistry.truth(ref, settings.seed())));
        t.put("quality_registry_effects", QualityRegistryOutcomes.truth(ref, settings.seed()));
        t.put("postponed_specialty_effects", List.of(PostponedBySpecialty.truth(ref, settings.seed())));
        t.put("private_specialist_gap", run.privateSpecialists().truth());
        t.put("patient_safety_effects", PatientSafetyMeasurements.truth(ref, settings.seed()));
        t.put("amk_dispatch", AmkMissions.truth(ref, settings.seed()));
        t.put("cancer_survival", CancerRegistry.truth(ref, settings.seed()));
        if (settings.wrongVersionFiles() > 0) t.put("wrong_version_files", wrongVersionFiles);
        t.put("volumes", volumes);
        t.put("file_rows", fileRows);
        return t;
    }

    private Map<String, Object> caseMixTruth(Plan plan) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("catchment_bohf", plan.caseMixBohf);
        List<String> cmSites = new ArrayList<>();
        for (SynthReference.Site s : ref.sites) if (s.bohf() == plan.caseMixBohf && s.bosh() > 0) cmSites.add(s.orgnr());
        cm.put("local_hospital_orgs", cmSites);
        cm.put("municipalities", catchmentMunicipalities(s -> ref.sites.get(s).bohf() == plan.caseMixBohf));
        cm.put("age_pyramid_olderness_added", Plan.CASE_MIX_OLDERNESS);
        cm.put("frailty_shift_sd", Plan.CASE_MIX_FRAILTY);
        cm.put("charlson_condition_log_odds_added", Plan.CASE_MIX_COMORBIDITY_LOGIT);
        cm.put("hospital_random_effects", "0 on 30-day mortality and readmission at the catchment's hospitals (average care)");
        cm.put("note", "residents of this catchment are older and sicker (more Charlson conditions, higher incidence): "
                + "their 30-day mortality after AMI, stroke and hip fracture is about twice the national one through age "
                + "and Charlson index alone, so crude rates there are clearly worse while risk-adjusted O/E is about 1");
        return cm;
    }

    private static Map<String, Object> overdispersionTruth() {
        Map<String, Object> od = new LinkedHashMap<>();
        od.put("mortality_30d_log_odds_sd", Plan.OVERDISPERSION_SD);
        od.put("readmission_log_odds_sd", Plan.READMISSION_SD);
        od.put("epicrisis_1day_logit_sd", Plan.EPICRISIS_SD);
        od.put("stroke_unit_logit_sd", Plan.STROKE_UNIT_SD);
        od.put("thrombolysis_40min_logit_sd", Plan.THROMBOLYSIS_SD);
        od.put("nstemi_invasive_72h_logit_sd", Plan.NSTEMI_SD);
        od.put("waiting_and_time_to_surgery_log_factor_sd_per_trust", Plan.WAIT_LOG_SD);
        od.put("antibiotic_rate_log_sd_per_municipality", Plan.ANTIBIOTIC_LOG_SD);
        od.put("nursing_home_assessment_logit_sd_per_municipality", Plan.NURSING_ASSESS_SD);
        od.put("own_gp_share_per_county_and_municipality", "SD " + OWN_GP_COUNTY_SD + " per county and " + OWN_GP_MUNICIPALITY_SD
                + " per municipality on the share of consultations with the own GP (national about 0.74); counties 56 and 55 "
                + "set to 0.45 and 0.62");
        od.put("note", "random unit effects (hospital unless named otherwise), drawn once per run and constant over the years: "
                + "real between-unit variation that the funnels should absorb as over-dispersion (tau2), not flag as planted "
                + "outliers; a unit with an extreme draw may still be flagged rightly. Hospital and municipality plants come on top");
        return od;
    }

    private List<Object> hospitalEffectsTruth(Plan plan) {
        List<Object> he = new ArrayList<>();
        for (Plan.HospitalEffect e : plan.planted) {
            Map<String, Object> x = new LinkedHashMap<>();
            SynthReference.Site s = ref.sites.get(e.site());
            x.put("provider_org", s.orgnr());
            x.put("name", s.name());
            x.put("outcome", e.outcome());
            x.put("log_odds_ratio", round(e.logOddsRatio()));
            x.put("odds_ratio", round(Math.exp(e.logOddsRatio())));
            x.put("trend_log_odds_per_year", round(e.trendPerYear()));
            x.put("note", e.note());
            // residence units holding part of the plant: the municipalities whose residents it is the local hospital of
            x.put("catchment_municipalities", catchmentMunicipalities(site -> site == e.site()));
            he.add(x);
        }
        return he;
    }

    /** The planted trusts of npr_coercion and npr_mh_pathway (by the trust org number npr_mental places episodes at). */
    private List<Object> mentalHealthEffectsTruth(Plan plan) {
        List<Object> out = new ArrayList<>();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("provider_org", plan.coercionHighHf);
        c.put("outcome", "coercion");
        c.put("odds_ratio", Plan.COERCION_HIGH_ODDS_RATIO);
        c.put("indicators", List.of("involuntary_admissions_phv_adults", "coercive_measures_patients_phv_adults",
                "mechanical_restraint_patients_phv_adults", "isolation_patients_phv_adults",
                "short_acting_medication_patients_phv_adults", "brief_holding_patients_phv_adults"));
        c.put("note", "clearly more coercion: odds of an involuntary admission and of a coercive measure times "
                + Plan.COERCION_HIGH_ODDS_RATIO + " (residence rates of its catchment rise with it)");
        out.add(c);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("provider_org", plan.pathwaySlowHf);
        p.put("outcome", "pathway_timeliness");
        p.put("odds_ratio", Plan.PATHWAY_SLOW_ODDS_RATIO);
        p.put("indicators", List.of("pathway_assessment_in_time_phv_adults", "pathway_assessment_in_time_phv_children",
                "pathway_assessment_in_time_tsb", "pathway_first_evaluation_in_time_phv_adults",
                "pathway_first_evaluation_in_time_phv_children", "pathway_first_evaluation_in_time_tsb",
                "pathway_treatment_plan_phv_adults", "pathway_treatment_plan_phv_children", "pathway_treatment_plan_tsb"));
        p.put("note", "clearly slower pathways: odds of assessment and first evaluation within the norm, and of a "
                + "treatment plan, times " + Plan.PATHWAY_SLOW_ODDS_RATIO);
        out.add(p);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("outcome", "random_trust_effects");
        r.put("logit_sd", Plan.MENTAL_UNIT_SD);
        r.put("note", "every trust draws a normal logit shift on coercion and one on pathway timeliness");
        out.add(r);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("provider_org", plan.followUpPoorHf);
        f.put("outcome", "follow_up_after_discharge");
        f.put("follow_up_odds_ratio", Plan.FOLLOW_UP_POOR_ODDS_RATIO);
        f.put("readmission_odds_ratio", Plan.READMISSION_HIGH_ODDS_RATIO);
        f.put("consultations_multiplier", Plan.CONSULTATIONS_LOW_MULTIPLIER);
        f.put("indicators", List.of("outpatient_follow_up_7d_phv_adults", "outpatient_follow_up_7d_phv_children",
                "outpatient_follow_up_7d_tsb", "outpatient_follow_up_30d_phv_adults", "outpatient_follow_up_30d_phv_children",
                "outpatient_follow_up_30d_tsb", "readmission_30d_phv_adults", "readmission_30d_phv_children",
                "readmission_30d_tsb", "outpatient_consultations_per_patient_phv_adults",
                "outpatient_consultations_per_patient_phv_children", "outpatient_consultations_per_patient_tsb"));
        f.put("note", "npr_mh_contact: poor follow-up after discharge: odds of an outpatient contact within 7 days times "
                + Plan.FOLLOW_UP_POOR_ODDS_RATIO + ", odds of a readmission within 30 days times " + Plan.READMISSION_HIGH_ODDS_RATIO
                + ", mean outpatient consultations per episode (beyond the first) times " + Plan.CONSULTATIONS_LOW_MULTIPLIER
                + " (residence rates of its catchment move with it)");
        out.add(f);
        Map<String, Object> fr = new LinkedHashMap<>();
        fr.put("outcome", "random_trust_effects_follow_up");
        fr.put("logit_sd", Plan.MENTAL_UNIT_SD);
        fr.put("note", "every trust draws a normal logit shift on follow-up within 7 days and one on readmission within 30 days");
        out.add(fr);
        return out;
    }

    private List<Object> hospitalRandomEffectsTruth(Plan plan) {
        List<Object> re = new ArrayList<>();
        for (int s = 0; s < ref.sites.size(); s++) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("provider_org", ref.sites.get(s).orgnr());
            x.put("name", ref.sites.get(s).name());
            x.put("bohf", ref.sites.get(s).bohf());
            for (int c = 0; c < Plan.MORTALITY.length; c++) {
                x.put(Plan.mortalityName(Plan.MORTALITY[c]) + "_random_log_odds", round(plan.mortalityU[s][c]));
            }
            x.put("readmission_random_log_odds", round(plan.readmissionU[s]));
            re.add(x);
        }
        return re;
    }

    private List<Object> municipalityEffectsTruth(Plan plan) {
        List<Object> me = new ArrayList<>();
        for (Plan.MunicipalityEffect e : plan.plantedMunicipal) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("municipality", ref.municipalities.get(e.municipality()).number());
            x.put("name", ref.municipalities.get(e.municipality()).name());
            x.put("outcome", e.outcome());
            x.put("multiplier", round(e.multiplier()));
            me.add(x);
        }
        return me;
    }

    private Map<String, Object> reportingGapTruth(Plan plan) {
        Map<String, Object> gap = new LinkedHashMap<>();
        gap.put("trust_bohf", plan.gapBohf);
        List<String> gapOrgs = new ArrayList<>();
        String hf = null;
        for (SynthReference.Site s : ref.sites) {
            if (s.bohf() == plan.gapBohf) {
                gapOrgs.add(s.orgnr());
                hf = s.hfOrgnr();
            }
        }
        gap.put("trust_hf_orgnr", hf);
        gap.put("provider_orgs", gapOrgs);
        gap.put("year", plan.gapYear);
        gap.put("tertial", plan.gapTertial);
        gap.put("extracts", List.of("npr_somatic", "trust_corridor"));
        gap.put("rule", "no npr_somatic row discharged (npr_somatic_pathways files included), and no trust_corridor row reported, by these providers in that tertial");
        return gap;
    }

    private static Map<String, Object> faultsTruth(Codes codes, Map<String, Map<String, Object>> faults) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("rate_per_kind", Plan.FAULT_RATE);
        f.put("one_fault_per_row", true);
        f.put("dangling_orgnr", codes.danglingOrg);
        f.put("invalid_icd10_codes", List.of(codes.invalidIcd));
        f.put("invalid_atc", codes.invalidAtc);
        f.put("impossible_age", 130);
        // a LinkedHashMap, not Map.of: Map.of iterates in an order salted per JVM, so truth.json would differ
        // between runs of the same seed
        Map<String, String> dateRules = new LinkedHashMap<>();
        dateRules.put("npr_somatic", "admission_time = discharge_time + 26 h");
        dateRules.put("npr_mental", "end_date = start_date - 3 days");
        dateRules.put("kpr_nursing_home", "end_date = start_date - 5 days");
        f.put("impossible_date_rules", dateRules);
        f.put("duplicate_rows", "counted once per extra copy (the row appears twice)");
        f.put("files", faults);
        return f;
    }

    /**
     * Paths (dotted keys) of the maps in a truth tree whose iteration order is not defined by the program: anything
     * but LinkedHashMap, TreeMap and EnumMap (Map.of and HashMap iterate in an order that can change between JVMs).
     */
    static List<String> unorderedMaps(Object node, String path) {
        List<String> out = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            if (!(m instanceof LinkedHashMap || m instanceof java.util.TreeMap || m instanceof EnumMap || m.size() < 2)) {
                out.add(path.isEmpty() ? "(root)" : path);
            }
            for (Map.Entry<?, ?> e : m.entrySet()) out.addAll(unorderedMaps(e.getValue(), path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey()));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) out.addAll(unorderedMaps(l.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
