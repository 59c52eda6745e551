/**
 * Standards as executable rule sets: detailed standards for product copy, images, service scripts
 * and packaging. A {@link dev.finegrain.core.standard.Standard} of
 * {@link dev.finegrain.core.standard.Rule rules} checks an
 * {@link dev.finegrain.core.standard.Artifact} (a listing, an image set, a service script) and gives
 * a {@link dev.finegrain.core.standard.Conformance} report listing every violation.
 *
 * <p>Build rules with {@link dev.finegrain.core.standard.Rules}, take ready ones from
 * {@link dev.finegrain.core.standard.RulePacks}, and let standards extend each other through a
 * {@link dev.finegrain.core.standard.StandardCatalog}. Standards, catalogs and reports read and
 * write as JSON with {@link dev.finegrain.core.json.FinegrainJson}; each rule has a stable
 * {@code type} name.
 */
@FinegrainStyle
package dev.finegrain.core.standard;

import dev.finegrain.core.internal.FinegrainStyle;
