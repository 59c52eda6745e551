package dev.finegrain.core.internal;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed field path such as {@code images[2].width}: names separated by dots, each optionally
 * followed by list indexes. The empty path names the value itself. Parsed once, walked many times.
 */
public final class FieldPath {
  private static final FieldPath SELF = new FieldPath("", ImmutableList.of());

  private final String text;
  private final ImmutableList<Object> segments; // String names and Integer indexes

  private FieldPath(String text, ImmutableList<Object> segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the position of the first malformed part
   */
  public static FieldPath parse(String text) {
    if (text.isEmpty()) {
      return SELF;
    }
    ImmutableList.Builder<Object> out = ImmutableList.builder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int start = i;
      while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[' && text.charAt(i) != ']') {
        i++;
      }
      if (i == start) {
        throw malformed(text, i, "a field name");
      }
      out.add(text.substring(start, i));
      while (i < n && text.charAt(i) == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw malformed(text, i, "']'");
        }
        String digits = text.substring(i + 1, close);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 9) {
          throw malformed(text, i + 1, "a list index");
        }
        out.add(Integer.parseInt(digits));
        i = close + 1;
      }
      if (i < n) {
        if (text.charAt(i) != '.' || i == n - 1) {
          throw malformed(text, i, "'.' followed by a field name");
        }
        i++;
      }
    }
    return new FieldPath(text, out.build());
  }

  private static IllegalArgumentException malformed(String text, int at, String expected) {
    return new IllegalArgumentException(
        String.format("malformed field path '%s': expected %s at position %d", text, expected, at));
  }

  /** Whether {@code text} parses as a field path. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The value at this path below {@code root}, if every step of the path exists. */
  public Optional<Object> resolve(Object root) {
    Object current = root;
    for (Object segment : segments) {
      if (segment instanceof String) {
        if (!(current instanceof Map<?, ?> map)) {
          return Optional.empty();
        }
        current = map.get(segment);
      } else {
        int index = (Integer) segment;
        if (!(current instanceof List<?> list) || index >= list.size()) {
          return Optional.empty();
        }
        current = list.get(index);
      }
      if (current == null) {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /** This path below {@code parent}: {@code images[2]} + {@code width} gives {@code images[2].width}. */
  public static String join(String parent, String child) {
    if (parent.isEmpty()) {
      return child;
    }
    if (child.isEmpty()) {
      return parent;
    }
    return child.startsWith("[") ? parent + child : parent + "." + child;
  }

  public boolean isSelf() {
    return segments.isEmpty();
  }

  @Override
  public String toString() {
    return text;
  }
}
