package dev.finegrain.core.internal;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Ids;
import dev.finegrain.core.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects every problem of a definition so that validation reports them all in one
 * {@link DefinitionException}, rather than stopping at the first.
 */
public final class Problems {
  private final List<Problem> problems = new ArrayList<>();

  public Problems add(String path, String message) {
    problems.add(Problem.of(path, message));
    return this;
  }

  public Problems add(String path, String format, Object... args) {
    return add(path, String.format(format, args));
  }

  /** Adds the problems of a nested definition, prefixed with its path. */
  public Problems addAll(String prefix, Collection<Problem> nested) {
    for (Problem problem : nested) {
      problems.add(problem.under(prefix));
    }
    return this;
  }

  public Problems check(boolean ok, String path, String format, Object... args) {
    if (!ok) {
      add(path, String.format(format, args));
    }
    return this;
  }

  /** Reports each id that occurs more than once, at the path of its repeat. */
  public <T> Problems checkUniqueIds(String listPath, List<T> items, Function<T, String> id, String what) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String key = id.apply(items.get(i));
      if (!seen.add(key)) {
        add(listPath + "[" + i + "].id", "duplicate %s id '%s'", what, key);
      }
    }
    return this;
  }

  /** Reports a blank text field. */
  public Problems checkNotBlank(String path, String value) {
    return check(!value.isBlank(), path, "must not be blank");
  }

  /**
   * Adds a problem at {@code path} if {@code value} is not text that a store keeps and hashes the
   * same when read back: a lone surrogate (UTF-8 has no form for it; PostgreSQL's driver writes
   * {@code ?}) or the character U+0000 (PostgreSQL's text and JSONB refuse it). For the ids and
   * names of definitions, which events and their hashes carry.
   */
  public Problems checkStorable(String path, String value) {
    int at = loneSurrogate(value);
    if (at >= 0) {
      add(path, "has a lone surrogate (\\u%04x) at index %s; text must be valid Unicode to be stored as"
          + " UTF-8 and hash the same when read back", (int) value.charAt(at), at);
    }
    int nul = value.indexOf('\0');
    if (nul >= 0) {
      add(path, "has the character U+0000 at index %s, which PostgreSQL text and JSONB cannot store", nul);
    }
    return this;
  }

  /** The index of the first lone surrogate in {@code text}; -1 if there is none. */
  public static int loneSurrogate(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Reports an id longer than {@link Ids#MAX_LENGTH} chars, which an event store's indexes may not
   * hold (see {@link Ids}).
   */
  public Problems checkIdLength(String path, String value) {
    return check(value.length() <= Ids.MAX_LENGTH, path, "an id of %s chars is too long; at most %s (Ids.MAX_LENGTH)",
        value.length(), Ids.MAX_LENGTH);
  }

  /** {@link #checkNotBlank}, {@link #checkStorable} and {@link #checkIdLength}: for the ids of definitions. */
  public Problems checkId(String path, String value) {
    return checkNotBlank(path, value).checkStorable(path, value).checkIdLength(path, value);
  }

  /** {@link #checkNotBlank} and {@link #checkStorable}, without a limit on the length: for names. */
  public Problems checkName(String path, String value) {
    return checkNotBlank(path, value).checkStorable(path, value);
  }

  /**
   * {@code value} as a field value holds it ({@link Values#normalize}), or empty with the reason it
   * cannot be one (a whole number that does not fit a long, a decimal that would become 0, a lone
   * surrogate in a text) reported at {@code path}.
   */
  public Optional<Object> normalized(String path, Object value) {
    try {
      return Optional.of(Values.normalize(path, value));
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      String prefix = path + ": ";
      add(path, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
      return Optional.empty();
    }
  }

  /** Reports a NaN or infinite number. */
  public Problems checkFinite(String path, double value) {
    return check(Double.isFinite(value), path, "expected a finite number, got %s", value);
  }

  /** Reports a negative amount. */
  public Problems checkNotNegative(String path, BigDecimal amount) {
    return check(amount.signum() >= 0, path, "must be at least 0, got %s", amount.toPlainString());
  }

  /** Reports a negative amount, if there is one. */
  public Problems checkNotNegative(String path, Optional<BigDecimal> amount) {
    amount.ifPresent(a -> checkNotNegative(path, a));
    return this;
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(problems);
  }

  /** Throws a {@link DefinitionException} naming {@code subject} if any problem was found. */
  public void throwIfAny(String subject) {
    if (!problems.isEmpty()) {
      throw new DefinitionException(subject, problems);
    }
  }
}
