package no.kvik.contract;

/**
 * How an extract file is written: Norwegian systems often export ISO-8859-1 with ';' and decimal comma.
 *
 * @param dateFormat      strptime format for DATE columns (DuckDB syntax, e.g. %Y-%m-%d)
 * @param timestampFormat strptime format for TIMESTAMP columns
 */
public record FileFormat(
        String delimiter,
        String encoding,
        String decimalSeparator,
        boolean header,
        String dateFormat,
        String timestampFormat) {
}
