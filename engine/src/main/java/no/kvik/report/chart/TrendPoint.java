package no.kvik.report.chart;

/** One period of a trend chart: a value with an optional interval (null bounds draw no bar). */
public record TrendPoint(String period, double value, Double low, Double high) {
}
