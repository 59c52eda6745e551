/**
 * A/B tests: conversions per variant counted by the KPI engine, then read with the experiment
 * module (sample-ratio check, Wilson intervals, lift, z-test, Welch's t-test on order value).
 */
package dev.finegrain.examples.experiment;
