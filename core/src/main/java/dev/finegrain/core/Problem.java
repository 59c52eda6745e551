package dev.finegrain.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Objects;

/**
 * One thing wrong with a definition: where it is ({@code stages[2].quorum}, {@code members[0].roles[1]})
 * and what was expected there.
 *
 * @since 0.1
 */
public final class Problem {
  private final String path;
  private final String message;

  private Problem(String path, String message) {
    this.path = checkNotNull(path, "path");
    this.message = checkNotNull(message, "message");
  }

  /**
   * A problem at {@code path}.
   *
   * @param path the field path, such as {@code members[1].roles[0]}; the empty path is the root, the
   *     definition as a whole (a path, like JSON Pointer's {@code ""}, not an absent value)
   * @param message what is wrong and what was expected
   * @return the problem
   */
  public static Problem of(String path, String message) {
    return new Problem(path, message);
  }

  /**
   * Where the problem is, as a field path. Every problem has one: the empty path is the root, the
   * definition as a whole.
   *
   * @return the field path, such as {@code stages[2].quorum}, or {@code ""} for the root
   */
  public String path() {
    return path;
  }

  /**
   * What is wrong and what was expected.
   *
   * @return what is wrong and what was expected
   */
  public String message() {
    return message;
  }

  /**
   * The same problem seen from an enclosing definition: {@code prefix} joined before the path.
   *
   * @param prefix the path of the enclosing definition
   * @return the same problem seen from an enclosing definition: {@code prefix} joined before the path
   */
  public Problem under(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    if (path.isEmpty()) {
      return new Problem(prefix, message);
    }
    return new Problem(path.startsWith("[") ? prefix + path : prefix + "." + path, message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Problem other && other.path.equals(path) && other.message.equals(message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
