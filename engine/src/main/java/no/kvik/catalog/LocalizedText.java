package no.kvik.catalog;

/** A text in Norwegian ({@code no}) and English ({@code en}). */
public record LocalizedText(String no, String en) {
}
