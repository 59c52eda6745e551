package dev.finegrain.kpi.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of finegrain-kpi, a copy of core's (whose internal package this module
 * cannot read): users build values with {@code PayoutPlan.builder()} and see the abstract type
 * everywhere, never the generated {@code Immutable*} class.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    overshadowImplementation = true,
    depluralize = true,
    depluralizeDictionary = {"member", "role", "step", "rule", "condition:conditions", "value", "term",
        "assignment", "input", "output", "standard", "skill", "gate", "tier", "line"},
    forceJacksonPropertyNames = false,
    // keep generated code free of annotations from jars the module does not read (errorprone, javax)
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = false))
public @interface KpiStyle {}
