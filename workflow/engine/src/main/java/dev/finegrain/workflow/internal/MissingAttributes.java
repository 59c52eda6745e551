package dev.finegrain.workflow.internal;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the generated builders throw when required attributes are not set (the workflow style's
 * {@code throwForInvalidImmutableState}); each public {@code Builder.build()} turns it into the
 * {@link DefinitionException} users see, one problem per attribute, so that a missing attribute is
 * reported the same way as every other invalid definition or command.
 */
public final class MissingAttributes extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final List<String> attributes;

  /** Called by the generated builders with the names of the required attributes not set. */
  public MissingAttributes(String... attributes) {
    // the format of Immutables' own message, which FinegrainJson recognises should this escape a builder
    super("Cannot build, some of required attributes are not set " + List.of(attributes));
    this.attributes = List.of(attributes);
  }

  /** The required attributes that were not set, in declaration order. */
  public List<String> attributes() {
    return attributes;
  }

  /** The definition exception for {@code subject}: each attribute as {@code name: required, not set}. */
  public DefinitionException asDefinitionException(String subject) {
    return new DefinitionException(subject,
        attributes.stream().map(name -> Problem.of(name, "required, not set")).toList());
  }

  /**
   * Runs a generated {@code build()}, reporting missing required attributes as a
   * {@link DefinitionException} about {@code subject}.
   */
  public static <T> T build(String subject, Supplier<T> build) {
    try {
      return build.get();
    } catch (MissingAttributes e) {
      throw e.asDefinitionException(subject);
    }
  }
}
