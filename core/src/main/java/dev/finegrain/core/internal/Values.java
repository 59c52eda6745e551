package dev.finegrain.core.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The field values finegrain understands — text, whole numbers ({@code Long}), decimals
 * ({@code Double}), booleans, instants, lists and string-keyed maps — and how they compare.
 */
public final class Values {
  private static final int SHORTEN_AT = 60;
  /** 2^63 as a double: the first double above every long. */
  private static final double TWO_TO_63 = 0x1p63;

  private Values() {}

  /** How deep lists and maps may nest in a value, the outermost counting as one: {@value}. */
  public static final int MAX_DEPTH = 64;

  /** The field name that marks an instant in JSON, {@code {"$instant": "2026-01-01T00:00:00Z"}}; reserved. */
  public static final String INSTANT_TAG = "$instant";

  /** Why a field's value cannot be null, after its path: in a map, in JSON, given to a builder. */
  public static final String NULL_VALUE = "null is not a field value; leave the field out instead";

  /** Why a list element cannot be null, after its path. */
  public static final String NULL_ELEMENT = "null is not a list element; leave it out instead";

  /**
   * Why {@code name}, a blank field name, cannot be one, after the path of the map that holds it
   * ({@code fields} at the top of an artifact, nothing at the root of another value): no path could
   * name the field. The name is shown with its whitespace escaped ({@code got "\t"}).
   */
  public static String blankFieldName(String name) {
    StringBuilder shown = new StringBuilder("\"");
    for (char c : name.toCharArray()) {
      switch (c) {
        case ' ' -> shown.append(' ');
        case '\t' -> shown.append("\\t");
        case '\n' -> shown.append("\\n");
        case '\r' -> shown.append("\\r");
        default -> shown.append(String.format("\\u%04X", (int) c));
      }
    }
    return "a field name must not be blank, got " + shown.append('"');
  }

  /**
   * Turns any supported Java value into its canonical form: integral numbers become {@code Long},
   * other numbers {@code Double} ({@code -0.0} as {@code 0.0}), collections immutable lists, maps immutable maps.
   *
   * @throws IllegalArgumentException naming {@code path} for null or unsupported values (a null in
   *     a map or list too), a blank field name, a number
   *     that is not finite or does not fit, a text with a lone surrogate, the reserved field name
   *     {@value #INSTANT_TAG}, or lists and maps nested deeper than {@link #MAX_DEPTH}; a problem of
   *     the value itself when {@code path} is empty (the root, such as a blank name in the map given
   *     to {@code FieldSource.of}) has no path before it
   */
  public static Object normalize(String path, Object value) {
    return normalize(path, "", value, 0);
  }

  /**
   * {@link #normalize} of an artifact's fields, where a problem of the map itself (a blank field
   * name) is named {@code fields}, as the map is in an artifact's JSON.
   *
   * @throws IllegalArgumentException as {@link #normalize} does
   */
  public static Object normalizeFields(Map<String, ?> fields) {
    return normalize("", "fields", fields, 0);
  }

  /** {@code "path: "}, or {@code root}'s for the empty path; nothing for the unnamed root. */
  private static String at(String path, String root) {
    String where = path.isEmpty() ? root : path;
    return where.isEmpty() ? "" : where + ": ";
  }

  private static Object normalize(String path, String root, Object value, int depth) {
    if (value == null) {
      throw new IllegalArgumentException(at(path, root) + NULL_VALUE);
    }
    if (value instanceof String text) {
      checkTextAt(at(path, root), text);
      return value;
    }
    if (value instanceof Boolean || value instanceof Long || value instanceof Instant) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(at(path, root) + "expected a finite number, got " + d);
      }
      return d == 0 ? 0.0 : d;  // -0.0 as 0.0: JSON reads "-0.0" as 0, and an artifact must survive JSON
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      if (big.bitLength() >= 64) {
        throw new IllegalArgumentException(at(path, root) + "whole number " + Values.shorten(big.toString())
            + " does not fit in a long");
      }
      return big.longValue();
    }
    if (value instanceof BigDecimal decimal) {
      return toDoubleAt(at(path, root), decimal);
    }
    if (value instanceof Character) {
      return normalize(path, root, value.toString(), depth);
    }
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      if (depth + 1 > MAX_DEPTH) {
        throw new IllegalArgumentException(at(path, root) + "lists and maps nested more than " + MAX_DEPTH
            + " deep; at most " + MAX_DEPTH + " levels are allowed (Artifact.MAX_DEPTH)");
      }
    }
    if (value instanceof Collection<?> collection) {
      ImmutableList.Builder<Object> out = ImmutableList.builder();
      int i = 0;
      for (Object element : collection) {
        String elementPath = path + "[" + i + "]";
        if (element == null) {
          throw new IllegalArgumentException(elementPath + ": " + NULL_ELEMENT);
        }
        out.add(normalize(elementPath, root, element, depth + 1));
        i++;
      }
      return out.build();
    }
    if (value instanceof Map<?, ?> map) {
      ImmutableMap.Builder<String, Object> out = ImmutableMap.builder();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException(at(path, root) + "field names must be strings, got " + entry.getKey());
        }
        if (key.isBlank()) {
          throw new IllegalArgumentException(at(path, root) + blankFieldName(key));
        }
        checkText(FieldPath.join(path, key), key);
        if (key.equals(INSTANT_TAG)) {
          throw new IllegalArgumentException(FieldPath.join(path, key) + ": the field name " + INSTANT_TAG
              + " is reserved: in JSON it marks an instant");
        }
        out.put(key, normalize(FieldPath.join(path, key), root, entry.getValue(), depth + 1));
      }
      return out.buildOrThrow();
    }
    throw new IllegalArgumentException(at(path, root) + "unsupported field value type " + value.getClass().getName()
        + "; expected text, number, boolean, instant, list or map");
  }

  /**
   * {@code decimal} as a double, refused when it is outside the range of a double or so small that
   * it would become 0.
   *
   * @throws IllegalArgumentException naming {@code path}
   */
  public static double toDouble(String path, BigDecimal decimal) {
    return toDoubleAt(path + ": ", decimal);
  }

  /** {@link #toDouble}, its message after {@code prefix}. */
  private static double toDoubleAt(String prefix, BigDecimal decimal) {
    double d = decimal.doubleValue();
    if (Double.isInfinite(d)) {
      throw outsideRange(prefix, decimal.toString());
    }
    if (d == 0 && decimal.signum() != 0) {
      throw tooSmall(prefix, decimal.toString());
    }
    return d;
  }

  /**
   * {@code text}, a number as JSON writes it, as an exact decimal; refused, as by
   * {@link #toDouble(String, BigDecimal)}, when its exponent is beyond even a {@code BigDecimal}
   * ({@code 1e9999999999}).
   *
   * @throws IllegalArgumentException naming {@code path}
   */
  public static BigDecimal decimal(String path, String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      int exponent = Math.max(text.indexOf('e'), text.indexOf('E'));
      if (exponent >= 0 && exponent + 1 < text.length() && text.charAt(exponent + 1) == '-') {
        throw tooSmall(path + ": ", text);
      }
      throw outsideRange(path + ": ", text);
    }
  }

  private static IllegalArgumentException outsideRange(String prefix, String number) {
    return new IllegalArgumentException(prefix + "number " + shorten(number)
        + " is outside the range of a double (about ±1.8e308)");
  }

  private static IllegalArgumentException tooSmall(String prefix, String number) {
    return new IllegalArgumentException(prefix + "number " + shorten(number)
        + " is too small for a double; it would become 0 (write 0 if that is meant)");
  }

  /**
   * Refuses a text with a lone surrogate: it has no UTF-8 form, so it could not come back from
   * JSON bytes as it was.
   *
   * @throws IllegalArgumentException naming {@code path} and the char index
   */
  public static void checkText(String path, String text) {
    checkTextAt(path + ": ", text);
  }

  /** {@link #checkText}, its message after {@code prefix}. */
  private static void checkTextAt(String prefix, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(prefix + "malformed text: a lone surrogate \\u"
            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i
            + ", which no UTF-8 text can hold");
      }
    }
  }

  /** Whether {@code v} is a scalar that conditions and rules may compare: text, number, boolean or instant. */
  public static boolean isScalar(Object v) {
    return v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Instant;
  }

  /** Equality in which numbers compare by value: {@code 3} equals {@code 3.0}. */
  public static boolean same(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return compare(a, b).orElse(1) == 0;
    }
    return a.equals(b);
  }

  /**
   * Compares two values of the same kind (numbers by value, texts, instants, booleans); empty
   * when they are of different kinds and so have no order. A whole number and a decimal compare
   * exactly: {@code 9007199254740993} is above {@code 9007199254740992.0}, although it has no
   * double of its own.
   */
  public static Optional<Integer> compare(Object a, Object b) {
    if (a instanceof Number m && b instanceof Number n) {
      if (!(isIntegral(m) || isDecimal(m)) || !(isIntegral(n) || isDecimal(n))) {
        return compareBig(m, n);  // a BigDecimal or BigInteger (a constant as read, before it is converted)
      }
      if (isIntegral(m) && isIntegral(n)) {
        return Optional.of(Long.compare(m.longValue(), n.longValue()));
      }
      if (isIntegral(m) && isDecimal(n)) {
        return compareExactly(m.longValue(), n.doubleValue());
      }
      if (isDecimal(m) && isIntegral(n)) {
        return compareExactly(n.longValue(), m.doubleValue()).map(c -> -c);
      }
      double x = m.doubleValue();
      double y = n.doubleValue();
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Optional.empty();
      }
      return Optional.of(Double.compare(x, y) == 0 || x == y ? 0 : (x < y ? -1 : 1));
    }
    if (a instanceof String s && b instanceof String t) {
      return Optional.of(Integer.signum(s.compareTo(t)));
    }
    if (a instanceof Instant s && b instanceof Instant t) {
      return Optional.of(s.compareTo(t));
    }
    if (a instanceof Boolean s && b instanceof Boolean t) {
      return Optional.of(Boolean.compare(s, t));
    }
    return Optional.empty();
  }

  private static boolean isIntegral(Object n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  private static boolean isDecimal(Object n) {
    return n instanceof Double || n instanceof Float;
  }

  /**
   * {@code x} against {@code y} by their exact values, not by {@code x} rounded to a double (which
   * above 2^53 may meet {@code y}); empty for NaN.
   */
  private static Optional<Integer> compareExactly(long x, double y) {
    return Double.isNaN(y) ? Optional.empty() : Optional.of(compareWholeWithDecimal(x, y));
  }

  /**
   * {@code x} against {@code y} (not NaN) by their exact values: -1, 0 or 1. For loops over many
   * {@code x} (a KPI filter's whole-number column against a decimal constant), as
   * {@link #compare} compares them.
   */
  public static int compareWholeWithDecimal(long x, double y) {
    if (y >= TWO_TO_63) {
      return -1;
    }
    if (y < -TWO_TO_63) {
      return 1;
    }
    // y is within the range of a long: its whole part is exact as a long, and so is what is left
    long whole = (long) y;
    if (x != whole) {
      return Long.compare(x, whole);
    }
    double fraction = y - whole;
    return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0);
  }

  /** Two numbers at least one of which is neither a primitive wrapper whole number nor a decimal: as BigDecimals. */
  private static Optional<Integer> compareBig(Number m, Number n) {
    double x = isDecimal(m) ? m.doubleValue() : 0;
    double y = isDecimal(n) ? n.doubleValue() : 0;
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Optional.empty();
    }
    if (Double.isInfinite(x) || Double.isInfinite(y)) {
      return Optional.of(Double.isInfinite(x) && Double.isInfinite(y) ? Double.compare(x, y)
          : Double.isInfinite(x) ? (x > 0 ? 1 : -1) : (y > 0 ? -1 : 1));
    }
    return Optional.of(Integer.signum(exact(m).compareTo(exact(n))));
  }

  /** A finite number as the BigDecimal of its exact value. */
  private static BigDecimal exact(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (isDecimal(n)) {
      return new BigDecimal(n.doubleValue());
    }
    return isIntegral(n) ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.toString());
  }

  /** A readable literal: texts quoted, long ones shortened with an ellipsis. */
  public static String describe(Object value) {
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      StringBuilder out = new StringBuilder();
      describeInto(value, out);
      return shorten(out.toString());
    }
    if (value instanceof String text) {
      return '"' + shorten(text) + '"';
    }
    return String.valueOf(value);
  }

  /** Appends a literal of {@code value}, stopping once it is longer than any shortened text: no cost for a huge list. */
  private static void describeInto(Object value, StringBuilder out) {
    int enough = 4 * SHORTEN_AT;
    if (value instanceof Collection<?> collection) {
      out.append('[');
      String separator = "";
      for (Object element : collection) {
        if (out.length() > enough) {
          out.append(separator).append('…');
          return;
        }
        out.append(separator);
        describeInto(element, out);
        separator = ", ";
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (out.length() > enough) {
          out.append(separator).append('…');
          return;
        }
        out.append(separator).append(shorten(String.valueOf(entry.getKey()))).append('=');
        describeInto(entry.getValue(), out);
        separator = ", ";
      }
      out.append('}');
    } else if (value instanceof String text) {
      out.append('"').append(shorten(text)).append('"');
    } else {
      out.append(value);
    }
  }

  /** {@code text} cut to at most 60 code points, with an ellipsis where it was cut. */
  public static String shorten(String text) {
    // walks at most 60 code points, so shortening a huge text costs no more than a short one
    int end = 0;
    for (int n = 0; n < SHORTEN_AT - 1; n++) {
      if (end >= text.length()) {
        return text;
      }
      end += Character.charCount(text.codePointAt(end));
    }
    if (end >= text.length() || end + Character.charCount(text.codePointAt(end)) >= text.length()) {
      return text;
    }
    return text.substring(0, end) + "…";
  }

  /**
   * A short name of a value's kind, for messages, with its article as FinegrainJson names kinds:
   * a text, a number, a boolean, an instant, a list, an object.
   */
  public static String kindOf(Object value) {
    if (value instanceof String) {
      return "a text";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Instant) {
      return "an instant";
    }
    if (value instanceof Collection) {
      return "a list";
    }
    if (value instanceof Map) {
      return "an object";
    }
    String name = value.getClass().getSimpleName();
    return ("AEIOU".indexOf(name.isEmpty() ? 'x' : name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }
}
