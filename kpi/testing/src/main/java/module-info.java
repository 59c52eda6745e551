/**
 * finegrain-kpi-testing: the accumulator laws of finegrain-kpi as a JUnit 5 contract suite,
 * {@link dev.finegrain.kpi.testing.AccumulatorContract}. Generators are QuickTheories' {@code Gen}s,
 * so that module is required transitively.
 */
module dev.finegrain.kpi.testing {
  requires transitive dev.finegrain.kpi;
  requires transitive org.junit.jupiter.api;
  requires transitive quicktheories; // automatic module, named from the jar file (no Automatic-Module-Name)

  exports dev.finegrain.kpi.testing;

  // JUnit calls the contract's test methods reflectively
  opens dev.finegrain.kpi.testing to org.junit.platform.commons;
}
