package no.kvik.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reference tables the generator draws from (data/reference plus the bundled hospital-site map). */
final class SynthReference {

    /** A municipality with its real population (kommuner_2025.csv). */
    record Municipality(String number, String name, String county, int population) {
    }

    /** A hospital site that receives patients (hospital_sites.csv resource). */
    record Site(int bosh, String name, int bohf, int borhf, String orgnr, String hfOrgnr, boolean university) {
    }

    final List<Municipality> municipalities = new ArrayList<>();
    /** Per municipality index: the local-hospital site indexes of its catchment rows (bydel rows for split cities). */
    final List<int[]> catchmentSites = new ArrayList<>();
    final List<Site> sites = new ArrayList<>();
    final Set<String> orgnrs = new HashSet<>();
    final Set<String> icd10 = new HashSet<>();
    final Set<String> ncsp = new HashSet<>();
    final Map<String, List<String>> icdSets = new LinkedHashMap<>();
    final Map<String, Integer> pathwayLeadDays = new LinkedHashMap<>();
    /** AMK central id per catchment health trust (bohf), LVS central id per county. */
    final Map<Integer, String> amkByBohf = new HashMap<>();
    final Map<String, String> lvsByCounty = new HashMap<>();
    final List<String> counties = new ArrayList<>();

    static SynthReference load(Path dir) {
        try {
            return new SynthReference(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read reference data in " + dir + ": " + e.getMessage(), e);
        }
    }

    private SynthReference(Path dir) throws IOException {
        for (String[] r : rows(dir.resolve("behandlingssteder_skde_behandler.csv"))) orgnrs.add(r[0]);
        for (String[] r : rows(dir.resolve("icd10_codes.csv"))) icd10.add(r[0]);
        for (String[] r : rows(dir.resolve("ncsp_codes_2017.csv"))) ncsp.add(r[0]);
        for (String[] r : rows(dir.resolve("icd10_subsets_for_indicators.csv"))) {
            if (icd10.contains(r[2])) icdSets.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[2]);
        }
        for (String[] r : rows(dir.resolve("cancer_pathways.csv"))) pathwayLeadDays.put(r[0], Integer.parseInt(r[3]));

        try (InputStream in = SynthReference.class.getResourceAsStream("hospital_sites.csv")) {
            if (in == null) throw new IOException("bundled hospital_sites.csv missing");
            for (String[] r : parse(new InputStreamReader(in, StandardCharsets.UTF_8), "hospital_sites.csv")) {
                Site s = new Site(Integer.parseInt(r[0]), r[1], Integer.parseInt(r[2]), Integer.parseInt(r[3]),
                        r[4], r[5], r[6].equals("1"));
                if (!orgnrs.contains(s.orgnr()) || !orgnrs.contains(s.hfOrgnr())) {
                    throw new IllegalStateException("hospital site " + s + " has an orgnr missing from behandlingssteder");
                }
                sites.add(s);
            }
        }
        Map<Integer, Integer> siteByBosh = new HashMap<>();
        for (int i = 0; i < sites.size(); i++) if (sites.get(i).bosh() > 0) siteByBosh.put(sites.get(i).bosh(), i);

        Map<String, List<String[]>> boomr = new HashMap<>();
        for (String[] r : rows(dir.resolve("opptaksomrader_skde_boomr.csv"))) {
            boomr.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        Set<String> countySeen = new HashSet<>();
        for (String[] r : rows(dir.resolve("kommuner_2025.csv"))) {
            Municipality m = new Municipality(r[0], r[1], r[3], Integer.parseInt(r[5]));
            municipalities.add(m);
            if (countySeen.add(m.county())) counties.add(m.county());
            List<String[]> rows = boomr.get(Integer.toString(Integer.parseInt(m.number())));
            if (rows == null) throw new IllegalStateException("municipality " + m.number() + " has no catchment row");
            // split cities: use the named bydel rows (not the whole-city or 'uoppgitt' rows), each equally likely
            List<String[]> use = rows.stream().filter(x -> !x[2].isEmpty() && !x[2].endsWith("99")).toList();
            if (use.isEmpty()) use = rows;
            int[] idx = new int[use.size()];
            for (int i = 0; i < idx.length; i++) {
                Integer s = siteByBosh.get(Integer.parseInt(use.get(i)[8]));
                if (s == null) throw new IllegalStateException("no hospital site for bosh " + use.get(i)[8]);
                idx[i] = s;
            }
            catchmentSites.add(idx);
        }
        counties.sort(String::compareTo);
        for (String[] r : rows(dir.resolve("emergency_centrals.csv"))) {
            if (r[1].equals("AMK")) amkByBohf.put(Integer.parseInt(r[3]), r[0]);
            else lvsByCounty.put(r[4], r[0]);
        }
        for (Site s : sites) {
            if (!amkByBohf.containsKey(s.bohf())) throw new IllegalStateException("no AMK central for bohf " + s.bohf());
        }
        for (String c : counties) {
            if (!lvsByCounty.containsKey(c)) throw new IllegalStateException("no legevakt central for county " + c);
        }
    }

    List<String> icdSet(String name) {
        List<String> l = icdSets.get(name);
        if (l == null || l.isEmpty()) throw new IllegalStateException("ICD-10 code set " + name + " missing");
        return l;
    }

    /**
     * Site indexes by the real population of their local catchment, largest first (a split city's population shared
     * equally among its bydel rows; ties by index): the hospitals whose planted effects stay visible at small scales.
     */
    List<Integer> sitesByCatchmentPopulation() {
        double[] pop = new double[sites.size()];
        for (int m = 0; m < municipalities.size(); m++) {
            int[] local = catchmentSites.get(m);
            for (int s : local) pop[s] += municipalities.get(m).population() / (double) local.length;
        }
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < pop.length; s++) order.add(s);
        order.sort((a, b) -> pop[a] != pop[b] ? Double.compare(pop[b], pop[a]) : Integer.compare(a, b));
        return order;
    }

    /** Fails fast when a code the generator writes is not in the reference code list. */
    String[] checkIcd(String... codes) {
        for (String c : codes) if (!icd10.contains(c)) throw new IllegalStateException("ICD-10 " + c + " not in icd10_codes.csv");
        return codes;
    }

    String[] checkNcsp(String... codes) {
        for (String c : codes) if (!ncsp.contains(c)) throw new IllegalStateException("NCSP " + c + " not in ncsp_codes_2017.csv");
        return codes;
    }

    private static List<String[]> rows(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /** RFC 4180 rows without the header; lines starting with '#' are comments. */
    static List<String[]> parse(Reader reader, String name) throws IOException {
        List<String[]> out = new ArrayList<>();
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String line;
        boolean header = true;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            List<String> f = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean inQ = false;
            while (true) {
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (inQ) {
                        if (c == '"') {
                            if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                                cur.append('"');
                                i++;
                            } else {
                                inQ = false;
                            }
                        } else {
                            cur.append(c);
                        }
                    } else if (c == '"') {
                        inQ = true;
                    } else if (c == ',') {
                        f.add(cur.toString());
                        cur.setLength(0);
                    } else {
                        cur.append(c);
                    }
                }
                if (!inQ) break;
                String next = r.readLine();
                if (next == null) throw new IOException(name + ": unterminated quote");
                cur.append('\n');
                line = next;
            }
            f.add(cur.toString());
            if (header) {
                header = false;
                continue;
            }
            out.add(f.toArray(String[]::new));
        }
        return out;
    }
}
