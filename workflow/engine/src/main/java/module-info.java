/**
 * finegrain-workflow: the multi-stage review engine. Exports its API packages: the engine and
 * definitions, commands, events and the store SPI; {@code dev.finegrain.workflow.internal.*} stays
 * private.
 */
module dev.finegrain.workflow {
  requires transitive dev.finegrain.core;
  requires com.google.common;
  requires static org.immutables.value;

  exports dev.finegrain.workflow;
  exports dev.finegrain.workflow.command;
  exports dev.finegrain.workflow.event;
  exports dev.finegrain.workflow.store;
  // the PostgreSQL store keeps the engine's open-work projection with the events
  exports dev.finegrain.workflow.internal.store to dev.finegrain.workflow.postgres;

  // Jackson builds definitions, commands and events through the generated Immutable* classes
  opens dev.finegrain.workflow to com.fasterxml.jackson.databind;
  opens dev.finegrain.workflow.command to com.fasterxml.jackson.databind;
  opens dev.finegrain.workflow.event to com.fasterxml.jackson.databind;
  opens dev.finegrain.workflow.store to com.fasterxml.jackson.databind;
  // the JSON type names of events come from their codecs, through a type id resolver Jackson creates
  opens dev.finegrain.workflow.internal.codec to com.fasterxml.jackson.databind;
}
