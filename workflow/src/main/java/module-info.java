/** finegrain-workflow: the multi-stage review engine. Exports only its API package. */
module dev.finegrain.workflow {
  requires transitive dev.finegrain.core;
  requires static org.immutables.value;

  exports dev.finegrain.workflow;

  // Jackson builds definitions, commands and events through the generated Immutable* classes
  opens dev.finegrain.workflow to com.fasterxml.jackson.databind;
}
