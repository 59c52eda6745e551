/**
 * finegrain-core: roles, members, teams, processes, responsibilities, standards and skills.
 * Exports its API packages; {@code dev.finegrain.core.internal} is shared with finegrain's own
 * modules only, never with users.
 */
module dev.finegrain.core {
  requires com.google.common;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires static org.immutables.value;
  // RE2/J is not required: its jar has no module name, so the published jar carries it
  // relocated to the unexported package dev.finegrain.core.internal.re2j (see pom.xml)

  exports dev.finegrain.core;
  exports dev.finegrain.core.condition;
  exports dev.finegrain.core.json;
  exports dev.finegrain.core.process;
  exports dev.finegrain.core.standard;
  // and to Jackson, which makes the readers of exact decimals (ExactDecimals) that definitions name
  exports dev.finegrain.core.internal to dev.finegrain.workflow, dev.finegrain.kpi, com.fasterxml.jackson.databind;

  // Jackson builds definitions through the generated Immutable* classes
  opens dev.finegrain.core to com.fasterxml.jackson.databind;
  opens dev.finegrain.core.condition to com.fasterxml.jackson.databind;
  opens dev.finegrain.core.process to com.fasterxml.jackson.databind;
  opens dev.finegrain.core.standard to com.fasterxml.jackson.databind;
}
