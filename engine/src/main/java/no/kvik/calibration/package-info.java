/**
 * Calibration of the funnel flags and recovery of planted truth. {@link no.kvik.calibration.NullSimulation}
 * simulates unit counts under the null (pure binomial/Poisson, or with random unit effects of a stated size) at a
 * store's real unit sizes and runs them through the production funnel, giving false-flag rates at every limit
 * level ({@code kvik calibrate}); {@link no.kvik.calibration.Recovery} scores a run's results against the
 * synthetic generator's {@code truth.json} ({@code kvik recovery}). See engine/docs/statistics.md, "Calibration
 * and recovery".
 */
package no.kvik.calibration;
