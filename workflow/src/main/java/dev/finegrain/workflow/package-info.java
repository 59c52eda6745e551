/**
 * finegrain-workflow: the multi-stage review engine that shop platforms embed for listing and
 * order reviews. Its types land with the workflow issue; the module builds and is exported now so
 * that platforms can depend on it.
 */
package dev.finegrain.workflow;
