package dev.finegrain.core.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of finegrain-core: users build values with {@code Team.builder()}
 * and see the abstract type everywhere, never the generated {@code Immutable*} class.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    overshadowImplementation = true,
    depluralize = true,
    depluralizeDictionary = {"member", "role", "step", "rule", "condition:conditions", "value", "term",
        "assignment", "input", "output", "standard", "skill"},
    forceJacksonPropertyNames = false,
    // JDK collections in the generated classes, so that no Guava type is part of the API
    jdkOnly = true,
    // a missing required attribute is a DefinitionException naming the type and each attribute
    throwForInvalidImmutableState = MissingAttributesException.class,
    // keep generated code free of annotations from jars the module does not read (errorprone, javax)
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = false))
public @interface FinegrainStyle {}
