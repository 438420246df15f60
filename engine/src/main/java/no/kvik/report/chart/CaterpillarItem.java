package no.kvik.report.chart;

/** One unit in a caterpillar chart: an estimate (e.g. adjusted rate) with its interval. */
public record CaterpillarItem(String unit, double value, double low, double high) {
}
