package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.Test;

/** What may be recorded of values and DuckDB errors (hand-written inputs; expected values by the rules' text). */
class RedactionTest {
    static final Contracts CONTRACTS = Contracts.load(IngesterTest.HOME.contracts());

    @Test
    void keyFieldsAreTheTextKeyAndIdColumnsWithoutACodeSystem() {
        Redaction gp = Redaction.of(CONTRACTS.byId("kpr_gp_contact").orElseThrow());
        assertEquals(Set.of("contact_id", "gp_id", "patient_id"), gp.keyFields());
        // central_id is a unit code (code system CENTRAL): public
        assertEquals(Set.of("call_id"), Redaction.of(CONTRACTS.byId("amk_call").orElseThrow()).keyFields());
        // population's key (year, municipality, sex) names no person: its text part sex is no record id
        assertEquals(Set.of(), Redaction.of(CONTRACTS.byId("population").orElseThrow()).keyFields());
    }

    @Test
    void valuesAreMaskedOrCut() {
        assertEquals("***", Redaction.mask("E1"));
        assertEquals("P***", Redaction.mask("P1234"));
        assertEquals("P1***", Redaction.mask("P12345"));
        assertEquals("12***", Redaction.mask("12345678901"));
        assertEquals("a".repeat(40), Redaction.truncate("a".repeat(40)));
        assertEquals("a".repeat(40) + "… (41 characters)", Redaction.truncate("a".repeat(41)));
        Redaction gp = Redaction.of(CONTRACTS.byId("kpr_gp_contact").orElseThrow());
        // every flagged value is masked, not only keys: a date or a cause is as personal (issue #13 review)
        assertEquals(Map.of("patient_id", "12***", "icpc2", "Z***", "contact_date", "18***"),
                gp.values(Map.of("patient_id", "12345678901", "icpc2", "ZZZ", "contact_date", "1899-06-01")));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("\\x1b]0;title\\x07 \\x00 \\x7f \\u202e ok \u00e6", Redaction.escape(
                "\u001b]0;title\u0007 \u0000 \u007f \u202e ok \u00e6"));
        // the kept characters of a mask, and a cut value, are escaped too
        assertEquals("\\x1b]***", Redaction.mask("\u001b]0;owned"));
        assertEquals("\\x00" + "a".repeat(39) + "… (41 characters)", Redaction.truncate("\u0000" + "a".repeat(40)));
    }

    @Test
    void duckDbCsvErrorsKeepLineAndKindOnly() {
        // DuckDB 1.4's message for an unterminated quote on line 2: the 'original line' runs to the end of the file,
        // and here a row even contains a phrase of an error kind
        String message = "Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 1,\"x,2\n"
                + "3,P12345678901,2021-01-01 Expected Number of Columns: 1 Found: 2\n4,P99999999999,2021-02-02\n\n"
                + "Value with unterminated quote found.\n\nPossible fixes:\n* Disable the parser's strict mode\n\n"
                + "  file = q.csv\n  delimiter = , (Set By User)\n";
        assertEquals("CSV error on line 2 (data row 1): Value with unterminated quote found.", Redaction.duckDbReason(message));
        assertEquals("CSV error on line 3 (data row 2): Expected Number of Columns: 9 Found: 10", Redaction.duckDbReason(
                "Invalid Input Error: CSV Error on Line: 3\nOriginal Line: C2,P2,0301,x,y,z,a,b,c,extra\n"
                        + "Expected Number of Columns: 9 Found: 10\n\nPossible fixes:\n"));
        assertEquals("CSV error on line 7 (data row 6): (DuckDB's details are not shown: they quote the row)",
                Redaction.duckDbReason("Invalid Input Error: CSV Error on Line: 7\nOriginal Line: P1,secret\n"
                        + "Some new kind of error\n"));
    }

    @Test
    void otherDuckDbErrorsLoseQuotedText() {
        assertEquals("Could not convert string '…' to INT32",
                Redaction.duckDbReason("Conversion Error: Could not convert string 'P12345678901' to INT32\n\nLINE 1: x"));
    }
}
