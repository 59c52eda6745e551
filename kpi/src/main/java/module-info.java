/**
 * finegrain-kpi: KPI definitions and mergeable aggregation over rows and columns, A/B tests of
 * experiments and payout plans for incentives. Exports only its API packages;
 * {@code dev.finegrain.kpi.internal} stays private.
 */
module dev.finegrain.kpi {
  requires transitive dev.finegrain.core;
  requires static org.immutables.value;
  requires com.google.common;
  requires org.apache.commons.statistics.distribution;
  requires org.apache.commons.statistics.inference;
  // HdrHistogram is not required: its jar has no module name, so the published jar carries it
  // relocated to the unexported package dev.finegrain.kpi.internal.hdrhistogram (see pom.xml)

  exports dev.finegrain.kpi;
  exports dev.finegrain.kpi.accumulator;
  exports dev.finegrain.kpi.experiment;
  exports dev.finegrain.kpi.incentive;

  // Jackson builds definitions through the generated Immutable* classes
  opens dev.finegrain.kpi to com.fasterxml.jackson.databind;
  opens dev.finegrain.kpi.experiment to com.fasterxml.jackson.databind;
  opens dev.finegrain.kpi.incentive to com.fasterxml.jackson.databind;
}
