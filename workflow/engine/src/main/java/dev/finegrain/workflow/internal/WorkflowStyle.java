package dev.finegrain.workflow.internal;

import dev.finegrain.core.internal.MissingAttributesException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The Immutables style of finegrain-workflow, the same as finegrain-core's (whose style lives in
 * core's unexported internal package): users build values with {@code Stage.builder()} and see the
 * abstract type everywhere, never the generated {@code Immutable*} class.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    overshadowImplementation = true,
    depluralize = true,
    depluralizeDictionary = {"member", "role", "phase", "stage", "field", "violation", "condition:conditions"},
    forceJacksonPropertyNames = false,
    // JDK collections in the generated classes, as core's and kpi's: their builders refuse a null
    // element naming the attribute ("reviewerRoles element"), where Guava's say only "null"
    jdkOnly = true,
    // keep generated code free of annotations from jars the module does not read (errorprone, javax)
    allowedClasspathAnnotations = {Override.class},
    // each public Builder turns it into a DefinitionException: a missing attribute is an invalid definition
    throwForInvalidImmutableState = MissingAttributesException.class,
    defaults = @Value.Immutable(copy = false))
public @interface WorkflowStyle {}
