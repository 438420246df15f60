package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every given/expect test of every indicator under sql/indicators; an indicator without tests fails. */
class IndicatorSqlTest {
    private static KvikHome home;
    private static Catalogue catalogue;
    private static IndicatorTestRunner runner;

    @BeforeAll
    static void load() throws Exception {
        home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        catalogue = Catalogue.load(home.indicators(), contracts);
        runner = new IndicatorTestRunner(home, contracts);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
    }

    @TestFactory
    Stream<DynamicNode> everyIndicatorTest() {
        assertFalse(catalogue.all().isEmpty(), "no indicators under " + home.indicators());
        List<DynamicNode> nodes = new ArrayList<>();
        for (Indicator indicator : catalogue.all()) {
            List<DynamicTest> tests = new ArrayList<>();
            if (indicator.meta().tests().isEmpty()) {
                tests.add(DynamicTest.dynamicTest("has tests", () -> {
                    throw new AssertionError(indicator.id() + " has no given/expect tests in " + indicator.metaFile());
                }));
            }
            for (IndicatorTest test : indicator.meta().tests()) {
                tests.add(DynamicTest.dynamicTest(test.name(), () -> runner.run(indicator, test)));
            }
            nodes.add(DynamicContainer.dynamicContainer(indicator.meta().area() + "/" + indicator.id(), tests));
        }
        return nodes.stream();
    }
}
