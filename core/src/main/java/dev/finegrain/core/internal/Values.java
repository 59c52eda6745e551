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

  private Values() {}

  /**
   * Turns any supported Java value into its canonical form: integral numbers become {@code Long},
   * other numbers {@code Double}, collections immutable lists, maps immutable maps.
   *
   * @throws IllegalArgumentException naming {@code path} for null or unsupported values
   */
  public static Object normalize(String path, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(path + ": null is not a field value; leave the field out instead");
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Double || value instanceof Instant) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger big) {
      if (big.bitLength() >= 64) {
        throw new IllegalArgumentException(path + ": whole number " + big + " does not fit in a long");
      }
      return big.longValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Collection<?> collection) {
      ImmutableList.Builder<Object> out = ImmutableList.builder();
      int i = 0;
      for (Object element : collection) {
        out.add(normalize(path + "[" + i + "]", element));
        i++;
      }
      return out.build();
    }
    if (value instanceof Map<?, ?> map) {
      ImmutableMap.Builder<String, Object> out = ImmutableMap.builder();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException(path + ": field names must be strings, got " + entry.getKey());
        }
        if (entry.getValue() != null) {
          out.put(key, normalize(FieldPath.join(path, key), entry.getValue()));
        }
      }
      return out.buildOrThrow();
    }
    throw new IllegalArgumentException(path + ": unsupported field value type " + value.getClass().getName()
        + "; expected text, number, boolean, instant, list or map");
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
   * when they are of different kinds and so have no order.
   */
  public static Optional<Integer> compare(Object a, Object b) {
    if (a instanceof Number m && b instanceof Number n) {
      if (isIntegral(m) && isIntegral(n)) {
        return Optional.of(Long.compare(m.longValue(), n.longValue()));
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

  /** A readable literal: texts quoted, long ones shortened with an ellipsis. */
  public static String describe(Object value) {
    if (value instanceof String text) {
      return '"' + shorten(text) + '"';
    }
    if (value instanceof Collection<?> collection) {
      return shorten(collection.stream().map(Values::describe)
          .collect(java.util.stream.Collectors.joining(", ", "[", "]")));
    }
    if (value instanceof Map) {
      return shorten(value.toString());
    }
    return String.valueOf(value);
  }

  /** {@code text} cut to at most 60 code points, with an ellipsis where it was cut. */
  public static String shorten(String text) {
    if (text.codePointCount(0, text.length()) <= SHORTEN_AT) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, SHORTEN_AT - 1)) + "…";
  }

  /** A short name of a value's kind, for messages: text, number, boolean, instant, list, object. */
  public static String kindOf(Object value) {
    if (value instanceof String) {
      return "text";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Instant) {
      return "instant";
    }
    if (value instanceof Collection) {
      return "list";
    }
    if (value instanceof Map) {
      return "object";
    }
    return value.getClass().getSimpleName();
  }
}
