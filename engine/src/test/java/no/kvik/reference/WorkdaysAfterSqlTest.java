package no.kvik.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import no.kvik.catalog.IndicatorTestRunner;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * workdays_after (sql/reference/macro_workdays_after.sql), the working days of the mental-health referral and
 * 65-day indicators: hand-worked spans, and every span of 0 to 400 days from each weekday in one query against
 * a day-by-day count in Java. The bulk case is the one that failed before: counting the days of a correlated
 * generate_series in such a query gave 0 for one-day spans and at most 53 for spans of 195 working days.
 */
class WorkdaysAfterSqlTest {
    private static Connection connection;

    @BeforeAll
    static void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        IndicatorTestRunner.createContractTables(connection, Contracts.load(KvikHome.locate().contracts()));
        ReferenceData.registerAll(connection, KvikHome.locate());
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @ParameterizedTest(name = "workdays_after({0}, {1}) = {2}")
    @CsvSource({
        // Friday 2 June 2023 to Friday 16 June: two whole weeks
        "2023-06-02, 2023-06-16, 10",
        // to Monday 19 June: one more
        "2023-06-02, 2023-06-19, 11",
        // Friday to Saturday and Sunday: none; to Monday: 1
        "2023-06-02, 2023-06-03, 0",
        "2023-06-02, 2023-06-04, 0",
        "2023-06-02, 2023-06-05, 1",
        // the same day, or an earlier one: 0
        "2023-06-02, 2023-06-02, 0",
        "2023-06-02, 2023-05-20, 0",
        // Friday 6 January 2023 to Friday 7 April (Good Friday, not excluded): 13 whole weeks = 65
        "2023-01-06, 2023-04-07, 65",
        // Sunday 1 January 2023 to Sunday 31 December: the 260 weekdays of 2023 (Monday 2 January to Friday 29 December, 52 weeks)
        "2023-01-01, 2023-12-31, 260"
    })
    void handWorked(String from, String to, int expected) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT workdays_after(CAST(? AS DATE), CAST(? AS DATE))")) {
            ps.setString(1, from);
            ps.setString(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(expected, rs.getInt(1));
            }
        }
    }

    @Test
    void missingDayGivesNull() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT workdays_after(DATE '2023-06-02', NULL), workdays_after(NULL, DATE '2023-06-02')")) {
            rs.next();
            assertNull(rs.getObject(1));
            assertNull(rs.getObject(2));
        }
    }

    @Test
    void everySpanUpTo400DaysFromEachWeekdayMatchesADayByDayCount() throws SQLException {
        LocalDate first = LocalDate.of(2023, 1, 2);
        Map<String, Integer> sql = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT a, b, workdays_after(a, b) FROM (SELECT DATE '2023-01-02' + CAST(x AS INTEGER) AS a, "
                     + "DATE '2023-01-02' + CAST(x AS INTEGER) + CAST(y AS INTEGER) AS b FROM range(0, 7) t(x), range(0, 401) u(y))")) {
            while (rs.next()) sql.put(rs.getObject(1, LocalDate.class) + " " + rs.getObject(2, LocalDate.class), rs.getInt(3));
        }
        assertEquals(7 * 401, sql.size());
        for (int x = 0; x < 7; x++) {
            LocalDate a = first.plusDays(x);
            int count = 0;
            for (int y = 0; y <= 400; y++) {
                LocalDate b = a.plusDays(y);
                if (y > 0 && b.getDayOfWeek() != DayOfWeek.SATURDAY && b.getDayOfWeek() != DayOfWeek.SUNDAY) count++;
                assertEquals(count, sql.get(a + " " + b), a + " to " + b);
            }
        }
    }
}
