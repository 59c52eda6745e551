/**
 * finegrain-core: the people side of an e-commerce team as values. {@link dev.finegrain.core.Team}
 * holds roles and members, {@link dev.finegrain.core.SkillMatrix} shows training gaps, and
 * {@link dev.finegrain.core.DefinitionException} lists every problem of a bad definition at once.
 * Processes and responsibilities live in {@code core.process}, standards in {@code core.standard},
 * conditions in {@code core.condition}, and JSON in {@code core.json}.
 */
@FinegrainStyle
package dev.finegrain.core;

import dev.finegrain.core.internal.FinegrainStyle;
