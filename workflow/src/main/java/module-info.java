/** finegrain-workflow: the multi-stage review engine. Exports only its API package. */
module dev.finegrain.workflow {
  requires transitive dev.finegrain.core;
  requires static org.immutables.value;

  exports dev.finegrain.workflow;
}
