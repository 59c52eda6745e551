/**
 * finegrain-workflow-testing: the contract every event store passes
 * ({@link dev.finegrain.workflow.testing.EventStoreContract}) and a given/when/then fixture for
 * review workflows ({@link dev.finegrain.workflow.testing.ReviewFixture}).
 */
module dev.finegrain.workflow.testing {
  requires transitive dev.finegrain.workflow;
  requires transitive org.junit.jupiter.api;

  exports dev.finegrain.workflow.testing;

  // JUnit finds and runs the contract's test methods reflectively
  opens dev.finegrain.workflow.testing to org.junit.platform.commons;
}
