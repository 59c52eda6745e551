/**
 * Property tests as finegrain writes them: {@link dev.finegrain.core.testing.Theories#qt()} starts a
 * QuickTheories property with the build's number of tries and a failure message that replays it;
 * {@link dev.finegrain.core.testing.Gens} has generators that shrink well;
 * {@link dev.finegrain.core.testing.BuilderNulls} checks that a module's builders name what was null. Used by the tests of every
 * finegrain module and by the test kits. See {@code docs/testing.md}.
 */
package dev.finegrain.core.testing;
