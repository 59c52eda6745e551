package dev.finegrain.kpi.internal;

import dev.finegrain.core.internal.MissingAttributesException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The Immutables style of finegrain-kpi (core's is internal to core): users build values with
 * {@code Kpi.builder()} and see the abstract type, never the generated {@code Immutable*} class.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    overshadowImplementation = true,
    depluralize = true,
    depluralizeDictionary = {"kpi", "groupBy:groupBy", "condition:conditions", "field", "rollup", "value",
        "member", "rule", "gate", "tier", "line"},
    forceJacksonPropertyNames = false,
    // JDK collections in generated accessors and builders: Guava stays out of public signatures
    jdkOnly = true,
    // a missing required attribute is a DefinitionException (the public builders translate it)
    throwForInvalidImmutableState = MissingAttributesException.class,
    // keep generated code free of annotations from jars the module does not read (errorprone, javax)
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = false))
public @interface KpiStyle {}
