/** The review engine's parts that are not its API: the workflow registry. */
package dev.finegrain.workflow.internal.engine;
