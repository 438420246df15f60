package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A definition's SQL hash covers the reference macros and views it reads, so a changed macro is a changed definition. */
class DefinitionHashTest {
    @TempDir
    Path tmp;

    private static Indicator indicator(KvikHome home, String id) throws Exception {
        return Catalogue.load(home.indicators(), Contracts.load(home.contracts())).get(id);
    }

    /**
     * Hip fracture's file only calls hip_fracture_surgery_cases, which calls icd10_in_set and ncsp_any_in_set, which
     * read the code-set views, which read the code lists' CSV tables: the five reference SQL files and two CSV files
     * listed by hand from the SQL texts. The hash is that of the {@code sha256sum} lines of the eight files (the six
     * SQL files' hash was checked once on the command line: {@code cd $KVIK_HOME && sha256sum <files> | sha256sum}
     * printed the same hash).
     */
    @Test
    void hashCoversTheIndicatorFileAndEveryReferenceFileItReadsInPathOrder() throws Exception {
        KvikHome home = ReleaseFixture.HOME;
        Indicator hip = indicator(home, "hip_fracture_surgery_48h");
        List<String> expected = List.of("sql/indicators/shared/hip_fracture_surgery_cases.sql",
                "data/reference/icd10_subsets_for_indicators.csv", "data/reference/ncsp_subsets_for_indicators.csv",
                "sql/reference/code_sets_icd10.sql", "sql/reference/code_sets_ncsp.sql",
                "sql/reference/macro_icd10_in_set.sql", "sql/reference/macro_ncsp_any_in_set.sql",
                "sql/reference/table_hip_fracture_surgery_cases.sql");
        DefinitionHash hash = DefinitionHash.of(home);
        assertEquals(expected, hash.files(hip).stream()
                .map(f -> home.root().relativize(f.toAbsolutePath().normalize()).toString()).toList());
        StringBuilder lines = new StringBuilder();
        for (String f : expected) lines.append(ReleaseFiles.sha256(home.root().resolve(f))).append("  ").append(f).append('\n');
        assertEquals(ReleaseFiles.sha256(lines.toString().getBytes(StandardCharsets.UTF_8)), hash.sqlSha256(hip));
        assertNotEquals(ReleaseFiles.sha256(hip.sqlFile()), hash.sqlSha256(hip));
    }

    /**
     * A release made with one macro of hip fracture changed (a comment only, so no value moves) and a macro none of the
     * three indicators reads changed too: the revisions against the fixture's release list hip fracture, and only it,
     * as a changed SQL definition; its definition in definitions.json carries the manifest's hash.
     */
    @Test
    void aChangedMacroIsAChangedDefinitionAndAnUnusedOneIsNot() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Path root = tmp.resolve("home");
        copyTree(ReleaseFixture.HOME.sql(), root.resolve("sql"));
        copyTree(ReleaseFixture.HOME.reference(), root.resolve("data/reference"));
        Files.writeString(root.resolve("sql/reference/table_hip_fracture_surgery_cases.sql"),
                "\n-- a changed rule text\n", StandardOpenOption.APPEND);
        Files.writeString(root.resolve("sql/reference/macro_atc_in_set.sql"), "\n-- read by none of the three\n",
                StandardOpenOption.APPEND);
        KvikHome home = new KvikHome(root);
        Path release = Release.run(home, ReleaseFixture.calendar(), fx.store, tmp.resolve("out"),
                new Release.Options("2024-1", 3, ReleaseFixture.INDICATORS), line -> { });

        Revisions revisions = Revisions.compare(fx.release, release);
        assertEquals(List.of(new Revisions.ChangedDefinition("hip_fracture_surgery_48h", "1.0.0", "1.0.0", "sql")),
                revisions.changedDefinitions());
        assertEquals(0, revisions.revisedValueCount());

        JsonNode manifest = ReleaseFiles.JSON.readTree(release.resolve(ReleaseManifest.FILE).toFile());
        JsonNode definitions = ReleaseFiles.JSON.readTree(release.resolve(Release.DEFINITIONS).toFile());
        String hipHash = DefinitionHash.of(home).sqlSha256(indicator(home, "hip_fracture_surgery_48h"));
        assertEquals(hipHash, hip(manifest.get("indicators")).get("sqlSha256").asText());
        assertEquals(hipHash, hip(definitions).get("sqlSha256").asText());
        JsonNode before = ReleaseFiles.JSON.readTree(fx.release.resolve(ReleaseManifest.FILE).toFile());
        assertNotEquals(before.get("catalogueVersion").asText(), manifest.get("catalogueVersion").asText());
    }

    /**
     * A code list is part of the definition: a row added to the ICD-10 code sets' CSV changes the hash of hip fracture
     * (whose macros read that table) and of no indicator whose SQL does not read it (an upper bound: the new set is
     * not hip fracture's, but the file is).
     */
    @Test
    void aChangedCodeListChangesTheDefinitionsOfTheIndicatorsReadingIt() throws Exception {
        Path root = tmp.resolve("home");
        copyTree(ReleaseFixture.HOME.sql(), root.resolve("sql"));
        copyTree(ReleaseFixture.HOME.reference(), root.resolve("data/reference"));
        KvikHome before = new KvikHome(root);
        DefinitionHash hashBefore = DefinitionHash.of(before);
        Catalogue catalogue = Catalogue.load(before.indicators(), Contracts.load(before.contracts()));
        Path codeList = root.resolve("data/reference/icd10_subsets_for_indicators.csv");
        java.util.Map<String, String> old = new java.util.TreeMap<>();
        java.util.Set<String> reading = new java.util.TreeSet<>();
        for (Indicator i : catalogue.all()) {
            old.put(i.id(), hashBefore.sqlSha256(i));
            if (hashBefore.files(i).stream().anyMatch(f -> f.toAbsolutePath().normalize().equals(codeList.toAbsolutePath().normalize()))) {
                reading.add(i.id());
            }
        }
        String header = Files.readAllLines(codeList, StandardCharsets.UTF_8).get(0);
        String row = String.join(",", java.util.Collections.nCopies(header.split(",", -1).length, "X99"));
        Files.writeString(codeList, row + "\n", StandardOpenOption.APPEND);

        DefinitionHash hashAfter = DefinitionHash.of(new KvikHome(root));
        java.util.Set<String> changed = new java.util.TreeSet<>();
        for (Indicator i : catalogue.all()) if (!old.get(i.id()).equals(hashAfter.sqlSha256(i))) changed.add(i.id());
        assertEquals(true, reading.contains("hip_fracture_surgery_48h"), reading.toString());
        assertEquals(true, reading.size() < catalogue.all().size(), "some indicator reads no ICD-10 code list");
        assertEquals(reading, changed);
    }

    /**
     * A release made before the hash covered reference SQL (manifest format 1, each sqlSha256 its SQL file's own hash)
     * still compares with a new one: each definition is listed as changed SQL once, and no value is revised.
     */
    @Test
    void anOldReleaseComparesWithEveryDefinitionChangedOnce() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Path old = tmp.resolve("old");
        copyTree(fx.release, old);
        ReleaseManifest now = ReleaseFiles.JSON.readValue(fx.release.resolve(ReleaseManifest.FILE).toFile(), ReleaseManifest.class);
        assertEquals(2, now.formatVersion());
        Catalogue catalogue = Catalogue.load(ReleaseFixture.HOME.indicators(), Contracts.load(ReleaseFixture.HOME.contracts()));
        List<ReleaseManifest.IndicatorEntry> fileHashes = new java.util.ArrayList<>();
        for (ReleaseManifest.IndicatorEntry e : now.indicators()) {
            fileHashes.add(new ReleaseManifest.IndicatorEntry(e.id(), e.version(),
                    ReleaseFiles.sha256(catalogue.get(e.id()).sqlFile()), e.metadataSha256(), e.rows()));
        }
        ReleaseFiles.writeJson(old.resolve(ReleaseManifest.FILE), new ReleaseManifest(1, now.edition(), now.published(),
                now.dataEnd(), now.engineVersion(), now.catalogueVersion(), now.parameters(), fileHashes, now.storeInputs(),
                now.files()));
        Revisions revisions = Revisions.compare(old, fx.release);
        assertEquals(ReleaseFixture.INDICATORS, revisions.changedDefinitions().stream()
                .map(Revisions.ChangedDefinition::id).sorted().toList());
        assertEquals(List.of("sql"), revisions.changedDefinitions().stream().map(Revisions.ChangedDefinition::changed)
                .distinct().toList());
        assertEquals(0, revisions.revisedValueCount());
    }

    private static JsonNode hip(JsonNode entries) {
        for (JsonNode e : entries) if (e.get("id").asText().equals("hip_fracture_surgery_48h")) return e;
        throw new AssertionError("no hip_fracture_surgery_48h in " + entries);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target); else Files.copy(p, target);
            }
        }
    }
}
