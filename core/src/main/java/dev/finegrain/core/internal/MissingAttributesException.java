package dev.finegrain.core.internal;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import java.util.Arrays;
import java.util.List;

/**
 * What a generated builder throws when required attributes were not set: a
 * {@link DefinitionException} with one problem per attribute ({@code invalid Team: id: required, not set}).
 * Immutables calls the {@code String...} constructor with the names (the style's
 * {@code throwForInvalidImmutableState}); the subject is the value type whose builder threw.
 */
public final class MissingAttributesException extends DefinitionException {
  private static final long serialVersionUID = 1L;
  private static final String GENERATED_PREFIX = "Immutable";

  /** Names the builder's value type and every attribute in {@code missing}. */
  public MissingAttributesException(String... missing) {
    super(builtType(), problems(missing));
  }

  private static List<Problem> problems(String... missing) {
    return Arrays.stream(missing).map(name -> Problem.of(name, "required, not set")).toList();
  }

  /** The value type of the generated builder that called the constructor: {@code ImmutableTeam$Builder} gives Team. */
  private static String builtType() {
    return StackWalker.getInstance().walk(frames -> frames
        .map(StackWalker.StackFrame::getClassName)
        .filter(name -> !name.equals(MissingAttributesException.class.getName()))
        .findFirst())
        .map(MissingAttributesException::valueTypeOf)
        .orElse("definition");
  }

  static String valueTypeOf(String generatedClass) {
    String simple = generatedClass.substring(generatedClass.lastIndexOf('.') + 1);
    int nested = simple.indexOf('$');
    String outer = nested < 0 ? simple : simple.substring(0, nested);
    return outer.startsWith(GENERATED_PREFIX) && outer.length() > GENERATED_PREFIX.length()
        ? outer.substring(GENERATED_PREFIX.length()) : outer;
  }
}
