/**
 * A test kit for platforms that embed the review engine: {@link
 * dev.finegrain.workflow.testing.EventStoreContract}, the JUnit suite every
 * {@link dev.finegrain.workflow.store.EventStore} must pass, and {@link
 * dev.finegrain.workflow.testing.ReviewFixture}, given/when/then tests of review workflows.
 */
package dev.finegrain.workflow.testing;
