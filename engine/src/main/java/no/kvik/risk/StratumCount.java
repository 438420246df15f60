package no.kvik.risk;

/** Events and population (or person-time) of one unit in one standardisation stratum. */
public record StratumCount(String stratum, double events, double population) {
}
