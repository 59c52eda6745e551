/**
 * JSON for every finegrain definition: {@link dev.finegrain.core.json.FinegrainJson} gives a
 * configured Jackson {@code ObjectMapper} and reads definitions with errors that name the JSON
 * path and what was expected there.
 */
package dev.finegrain.core.json;
