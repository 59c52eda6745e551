package dev.finegrain.kpi.internal;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the generated builders throw when required attributes are not set (the style's
 * {@code throwForInvalidImmutableState}: Immutables passes the names of the missing attributes).
 * The public builders turn it into a {@link DefinitionException} with one problem per attribute, so
 * a missing attribute reads like any other invalid definition: {@code name: required, not set}.
 */
public final class MissingAttributes extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  /** The message of each missing attribute's problem. */
  public static final String REQUIRED = "required, not set";

  private final List<String> names;

  /** Called by generated code with the names of the required attributes that are not set. */
  public MissingAttributes(String... names) {
    super(render(names));
    this.names = List.of(names);
  }

  /** One problem per missing attribute, at the attribute's path. */
  public List<Problem> problems() {
    return names.stream().map(n -> Problem.of(n, REQUIRED)).toList();
  }

  /** Runs a generated {@code build()}, reporting missing attributes as an invalid {@code subject}. */
  public static <T> T build(String subject, Supplier<T> build) {
    try {
      return build.get();
    } catch (MissingAttributes e) {
      throw new DefinitionException(subject, e.problems());
    }
  }

  private static String render(String[] names) {
    return String.join("; ", Arrays.stream(names).map(n -> n + ": " + REQUIRED).toList());
  }
}
