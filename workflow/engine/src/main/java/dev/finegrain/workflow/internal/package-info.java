/** Helpers of finegrain-workflow; not exported. */
package dev.finegrain.workflow.internal;
