package no.kvik.catalog;

import java.util.List;

/** The indicator catalogue could not be loaded; the message lists every problem, each naming its file. */
public final class CatalogueException extends RuntimeException {
    private final List<String> problems;

    public CatalogueException(List<String> problems) {
        super(problems.size() + " problem(s) in the indicator catalogue:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
