package no.kvik.kernel.display;

import java.util.Objects;

/**
 * Ready-made HTML for display as {@code text/html}, for cells that build their own markup.
 *
 * @param markup HTML fragment, shown as is (the author is responsible for escaping)
 */
public record Html(String markup) {

    public Html {
        Objects.requireNonNull(markup, "markup");
    }
}
