/**
 * Standards as executable rule sets: a {@link dev.finegrain.core.standard.Standard} of rules checks
 * an {@link dev.finegrain.core.standard.Artifact} (a listing, an image set, a service script) and
 * gives a {@link dev.finegrain.core.standard.Conformance} report listing every violation.
 */
@FinegrainStyle
package dev.finegrain.core.standard;

import dev.finegrain.core.internal.FinegrainStyle;
