/** finegrain-workflow: the multi-stage review engine. Exports only its API package. */
module dev.finegrain.workflow {
  requires transitive dev.finegrain.core;
  requires static org.immutables.value;

  exports dev.finegrain.workflow;
  exports dev.finegrain.workflow.command;
  exports dev.finegrain.workflow.event;

  // Jackson builds definitions, commands and events through the generated Immutable* classes
  opens dev.finegrain.workflow to com.fasterxml.jackson.databind;
  opens dev.finegrain.workflow.command to com.fasterxml.jackson.databind;
  opens dev.finegrain.workflow.event to com.fasterxml.jackson.databind;
}
