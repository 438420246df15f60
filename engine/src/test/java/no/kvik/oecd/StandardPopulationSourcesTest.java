package no.kvik.oecd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.kvik.config.KvikHome;
import no.kvik.reference.StandardPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped and user-supplied standard populations. */
class StandardPopulationSourcesTest {
    @TempDir
    Path dir;

    @Test
    void esp2013HasTheEurostatWeightsWith85PlusCollapsedForBothSexes() {
        StandardWeights esp = StandardPopulationSources.esp2013(KvikHome.locate().reference());
        assertEquals("ESP2013", esp.id());
        double[] expected = {7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500 + 800 + 200};
        for (String sex : Strata.SEXES) {
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], esp.weight(sex, Strata.AGE_GROUPS.get(i)), sex + " " + Strata.AGE_GROUPS.get(i));
            }
        }
        StandardPopulation t = esp.population(Strata.BOTH);
        assertEquals(18, t.strata().size());
        assertEquals("M 45-49", t.strata().get(0));
        assertEquals("F 85+", t.strata().get(17));
        assertEquals(List.of("F 45-49"), esp.population(Strata.FEMALE).strata().subList(0, 1));
    }

    @Test
    void norwayIsTheShipped2024PopulationBySexWith85PlusAddedUp() {
        StandardWeights nor = StandardPopulationSources.norway(KvikHome.locate().reference());
        assertEquals("NOR2024", nor.id());
        // data/reference/norway_population_2024_age_sex.csv; 85+ = 85-89 + 90-94 + 95+
        double[] men = {181909, 194059, 185737, 162454, 145410, 126146, 110094, 61176, 30322 + 11657 + 2751};
        double[] women = {175099, 186706, 178402, 158623, 147683, 130857, 119493, 74316, 44937 + 23298 + 8028};
        for (int i = 0; i < men.length; i++) {
            assertEquals(men[i], nor.weight(Strata.MALE, Strata.AGE_GROUPS.get(i)), "M " + Strata.AGE_GROUPS.get(i));
            assertEquals(women[i], nor.weight(Strata.FEMALE, Strata.AGE_GROUPS.get(i)), "F " + Strata.AGE_GROUPS.get(i));
        }
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static final String NINE = "45-49,50-54,55-59,60-64,65-69,70-74,75-79,80-84,85+";

    @Test
    void aFileWithoutSexAppliesEachWeightToBothSexes() throws Exception {
        StringBuilder sb = new StringBuilder("age_group,weight\n");
        String[] groups = NINE.split(",");
        for (int i = 0; i < groups.length; i++) sb.append(groups[i]).append(',').append(i + 1).append('\n');
        StandardWeights w = StandardPopulationSources.file(file("oecd2010.csv", sb.toString()));
        assertEquals("oecd2010", w.id());
        assertEquals(1, w.weight("M", "45-49"));
        assertEquals(9, w.weight("F", "85+"));
    }

    @Test
    void aFileWithSexGivesSexSpecificWeights() throws Exception {
        StringBuilder sb = new StringBuilder("sex,age_group,weight\n");
        for (String g : NINE.split(",")) sb.append("M,").append(g).append(",2\n").append("F,").append(g).append(",3.5\n");
        StandardWeights w = StandardPopulationSources.file(file("std.csv", sb.toString()));
        assertEquals(2, w.weight("M", "70-74"));
        assertEquals(3.5, w.weight("F", "70-74"));
    }

    @Test
    void badFilesAreRejectedNamingFileLineAndField() throws Exception {
        Path noWeight = file("a.csv", "age_group,w\n45-49,1\n");
        assertEquals("file " + noWeight + ": no column 'weight' (columns: [age_group, w]; expected age_group, weight "
                + "and optionally sex)", message(noWeight));
        Path badGroup = file("b.csv", "age_group,weight\n45-49,1\n90-94,1\n");
        assertEquals("file " + badGroup + ", line 3, field age_group: '90-94' is not one of [" + NINE.replace(",", ", ")
                + "]", message(badGroup));
        Path badWeight = file("c.csv", "age_group,weight\n45-49,-2\n");
        assertEquals("file " + badWeight + ", line 2, field weight: -2 is not a finite number >= 0", message(badWeight));
        Path twice = file("d.csv", "age_group,weight\n45-49,1\n45-49,2\n");
        assertEquals("file " + twice + ", line 3, field age_group: 45-49 (sex M) given twice", message(twice));
        Path missing = file("e.csv", "age_group,weight\n45-49,1\n");
        assertEquals("file " + missing + ": no weight for sex M, age group 50-54", message(missing));
        Path badSex = file("f.csv", "sex,age_group,weight\nK,45-49,1\n");
        assertEquals("file " + badSex + ", line 2, field sex: 'K' is not M or F", message(badSex));
    }

    private static String message(Path f) {
        return assertThrows(IllegalArgumentException.class, () -> StandardPopulationSources.file(f)).getMessage();
    }

    @Test
    void theStandardOptionAcceptsTheTwoNamesOrACsvFile() {
        assertEquals(new StandardChoice("esp2013", null), StandardChoice.parse("esp2013"));
        assertEquals(new StandardChoice("norway", null), StandardChoice.parse("Norway"));
        assertEquals(new StandardChoice("file", Path.of("w.csv")), StandardChoice.parse("w.csv"));
        assertEquals("--standard: expected esp2013, norway or a .csv file, got 'oecd2010'",
                assertThrows(IllegalArgumentException.class, () -> StandardChoice.parse("oecd2010")).getMessage());
    }
}
