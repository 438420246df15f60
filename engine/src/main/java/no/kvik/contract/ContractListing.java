package no.kvik.contract;

import java.util.ArrayList;
import java.util.List;

/** The text {@code kvik catalogue --contracts} prints for a contract: what it is, how keys are normalised, its rules. */
public final class ContractListing {
    private ContractListing() {
    }

    /** One summary line, then indented lines: keys, fields whose invalid value leaves the row usable, every row rule. */
    public static List<String> lines(Contract c) {
        List<String> out = new ArrayList<>();
        out.add(String.format("%-20s %-8s %s (%d columns)", c.id(), c.registry(), c.title(), c.columns().size()));
        List<String> keys = c.columns().stream().filter(c::isKey).map(ContractColumn::name).toList();
        out.add("    keys: " + String.join(", ", keys) + "; key and code fields: "
                + (c.trimKeys() ? "blanks trimmed" : "blanks flagged") + ", control characters flagged");
        List<String> valueOnly = c.columns().stream().filter(col -> !c.invalidRemovesRow(col))
                .map(ContractColumn::name).toList();
        out.add("    an invalid value is stored NULL; the row stays usable only when the value is in: "
                + (valueOnly.isEmpty() ? "(none)" : String.join(", ", valueOnly)));
        for (RowRule r : c.rowRules()) {
            out.add("    rule " + r.id() + " (" + r.field() + "): " + r.message() + "  [" + r.when() + "]");
        }
        return out;
    }
}
