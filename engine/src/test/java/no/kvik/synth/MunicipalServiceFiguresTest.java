package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import no.kvik.config.KvikHome;
import no.kvik.testutil.SyntheticExtracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The municipal service files of issue #16 (kostra_services, sysvak, place_of_death, prescription_gp_elderly) agree with
 * the person-level files they are drawn from, recounted here independently with DuckDB over the CSV files, and
 * truth.json names their plants. (That they leave every other file byte-identical was checked with cmp against the
 * shared baseline extracts, seed 7, scale 0.02, 2022-2024, when they were added.)
 */
class MunicipalServiceFiguresTest {
    static Path out;
    static Connection db;

    @BeforeAll
    static void open() throws SQLException {
        out = SyntheticExtracts.small2022To2024();
        db = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) db.close();
    }

    private String csv(String glob, String delimiter) {
        return "read_csv('" + out.resolve(glob) + "', delim='" + delimiter + "', header=true, all_varchar=true, encoding='latin-1')";
    }

    private long one(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void deathsByPlaceSumToTheDeathExtractPerMunicipalityAndYear() throws SQLException {
        String places = "SELECT residence_municipality AS m, year AS y, sum(CAST(deaths AS INTEGER)) AS n FROM "
                + csv("place_of_death_*.csv", ",") + " GROUP BY ALL";
        String deaths = "SELECT residence_municipality AS m, CAST(year(CAST(death_date AS DATE)) AS VARCHAR) AS y, count(*) AS n FROM "
                + csv("death_*.csv", ",") + " GROUP BY ALL";
        assertTrue(one("SELECT count(*) FROM (" + deaths + ")") > 100);
        // every municipality and year with deaths has the same number by place, and none has deaths by place only
        assertEquals(0, one("SELECT count(*) FROM (" + deaths + ") d FULL JOIN (" + places + ") p USING (m, y) "
                + "WHERE coalesce(d.n, 0) <> coalesce(p.n, 0)"));
        assertEquals(5 * 357 * 3, one("SELECT count(*) FROM " + csv("place_of_death_*.csv", ",")));
    }

    @Test
    void childrenOfTwoAndPersonsOf65AreThePopulationAndNeverFewerThanTheVaccinated() throws SQLException {
        String population = "SELECT municipality AS m, year AS y, sum(CAST(persons AS INTEGER)) FILTER (WHERE age = '2') AS two, "
                + "sum(CAST(persons AS INTEGER)) FILTER (WHERE CAST(age AS INTEGER) >= 65) AS old FROM " + csv("population_*.csv", ",")
                + " GROUP BY ALL";
        String sysvak = csv("sysvak_*.csv", ";");
        assertEquals(4 * 357 * 3, one("SELECT count(*) FROM " + sysvak));
        assertEquals(0, one("SELECT count(*) FROM " + sysvak + " WHERE CAST(vaccinated AS INTEGER) > CAST(persons AS INTEGER)"));
        assertEquals(0, one("SELECT count(*) FROM " + sysvak + " v JOIN (" + population + ") p ON p.m = v.municipality AND p.y = v.year "
                + "WHERE CAST(v.persons AS INTEGER) <> CASE v.target_group WHEN 'AGE_2' THEN p.two ELSE p.old END"));
    }

    @Test
    void kostraServiceFiguresAreConsistentAndCountiesSumTheirMunicipalities() throws SQLException {
        String k = "SELECT area, year, variable, CAST(replace(value, ',', '.') AS DOUBLE) AS v FROM " + csv("kostra_services_*.csv", ";");
        String wide = "SELECT area, year, " + "max(v) FILTER (WHERE variable = 'INHABITANTS') AS inh, "
                + "max(v) FILTER (WHERE variable = 'GP_RELATION_OVER_2Y') AS o2, max(v) FILTER (WHERE variable = 'GP_RELATION_OVER_10Y') AS o10, "
                + "max(v) FILTER (WHERE variable = 'GP_LISTS') AS lists, max(v) FILTER (WHERE variable = 'GP_LISTS_OPEN') AS open, "
                + "max(v) FILTER (WHERE variable = 'HS_USERS_67') AS hs, max(v) FILTER (WHERE variable = 'HS_MEDICATION_REVIEW_12M') AS review, "
                + "max(v) FILTER (WHERE variable = 'NH_NURSE_FTE') AS nurses, max(v) FILTER (WHERE variable = 'NH_FTE') AS fte "
                + "FROM (" + k + ") GROUP BY ALL";
        assertEquals(0, one("SELECT count(*) FROM (" + wide + ") WHERE NOT (o10 <= o2 AND o2 <= inh AND open <= lists AND lists >= 1 "
                + "AND review <= hs AND nurses <= fte)"));
        // inhabitants are the population on 1 January
        assertEquals(0, one("SELECT count(*) FROM (" + wide + ") w JOIN (SELECT municipality, year, sum(CAST(persons AS INTEGER)) AS n FROM "
                + csv("population_*.csv", ",") + " GROUP BY ALL) p ON p.municipality = w.area AND p.year = w.year WHERE w.inh <> p.n"));
        // a county row is the sum of its municipalities' rows (every variable, every year)
        String municipalities = "SELECT substr(area, 1, 2) AS county, year, variable, sum(v) AS v FROM (" + k + ") WHERE length(area) = 4 GROUP BY ALL";
        assertEquals(0, one("SELECT count(*) FROM (" + k + ") c JOIN (" + municipalities + ") s ON s.county = c.area AND s.year = c.year "
                + "AND s.variable = c.variable WHERE length(c.area) = 2 AND abs(c.v - s.v) > 0.05 * 357"));
    }

    @Test
    void gpDispensingsToOlderPersonsComeFromThe60PlusOfTheRegisterUnderIdsOfTheirOwn() throws SQLException {
        String elderly = csv("prescription_gp_elderly_*.csv", ";");
        assertTrue(one("SELECT count(*) FROM " + elderly) > 100);
        assertEquals(0, one("SELECT count(*) FROM " + elderly + " WHERE CAST(age AS INTEGER) < 60"));
        assertEquals(0, one("SELECT count(*) FROM " + elderly + " e JOIN " + csv("prescription_2*.csv", ";")
                + " p USING (dispensing_id)"));
        assertEquals(0, one("SELECT count(*) - count(DISTINCT dispensing_id) FROM " + elderly));
        // every patient is a resident of the population: the same patient ids as in the other person-level files
        assertTrue(one("SELECT count(DISTINCT e.patient_id) FROM " + elderly + " e SEMI JOIN " + csv("prescription_2*.csv", ";")
                + " p ON p.patient_id = e.patient_id") > 0);
    }

    @Test
    void truthNamesTheMunicipalServicePlants() throws Exception {
        JsonNode t = new ObjectMapper().readTree(out.resolve("truth.json").toFile()).path("municipal_services");
        assertEquals(5, t.path("planted").size(), t.toString());
        MunicipalServicePlan plan = new MunicipalServicePlan(SynthReference.load(KvikHome.locate().reference()), 11);
        SynthReference ref = SynthReference.load(KvikHome.locate().reference());
        assertEquals(ref.municipalities.get(plan.lowChildVaccination).number(), t.path("planted").get(0).path("municipality").asText());
        assertEquals(MunicipalServicePlan.CHILD_VACCINATION_PLANTED, plan.childVaccination(plan.lowChildVaccination));
        assertEquals(MunicipalServicePlan.CHILD_VACCINATION, plan.childVaccination(plan.highHomeDeaths));
        assertEquals(MunicipalServicePlan.HOME_DEATH_SHARE_PLANTED, plan.homeDeathShare(plan.highHomeDeaths));
        // the five plants are five different municipalities among the twelve most populous
        assertEquals(5, java.util.Set.of(plan.lowChildVaccination, plan.highHomeDeaths, plan.highLegevakt, plan.highHabitForming,
                plan.highAnticholinergic).size());
    }
}
