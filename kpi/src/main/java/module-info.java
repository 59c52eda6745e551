/**
 * finegrain-kpi: KPI definitions and mergeable aggregation over rows and columns. Exports only its
 * API packages; {@code dev.finegrain.kpi.internal} stays private.
 */
module dev.finegrain.kpi {
  requires transitive dev.finegrain.core;
  requires static org.immutables.value;

  exports dev.finegrain.kpi;

  // Jackson builds definitions through the generated Immutable* classes
  opens dev.finegrain.kpi to com.fasterxml.jackson.databind;
}
