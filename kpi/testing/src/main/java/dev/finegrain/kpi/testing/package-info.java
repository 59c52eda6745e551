/**
 * Contract suites for finegrain-kpi. {@link dev.finegrain.kpi.testing.AccumulatorContract} checks
 * the laws of {@link dev.finegrain.kpi.accumulator.Accumulator} (identity, merge in any split, order
 * and tree, commutativity, byte round trip, independent copies) as property tests over values a
 * subclass generates; finegrain runs it for every built-in accumulator, and a platform can run it
 * for the configurations and value distributions it uses.
 */
package dev.finegrain.kpi.testing;
