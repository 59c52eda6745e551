/** finegrain-kpi: KPI definitions and mergeable aggregation. Exports only its API package. */
module dev.finegrain.kpi {
  requires transitive dev.finegrain.core;
  requires static org.immutables.value;

  exports dev.finegrain.kpi;
}
