/** finegrain-kpi: KPI definitions and mergeable aggregation. Exports only its API package. */
module dev.finegrain.kpi {
  requires transitive dev.finegrain.core;
  requires static org.immutables.value;
  requires HdrHistogram; // automatic module, named from the jar file (no Automatic-Module-Name)

  exports dev.finegrain.kpi;
  exports dev.finegrain.kpi.accumulator;
}
