package dev.finegrain.kpi;

import dev.finegrain.core.condition.And;
import dev.finegrain.core.condition.Compare;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.condition.Equals;
import dev.finegrain.core.condition.In;
import dev.finegrain.core.condition.Not;
import dev.finegrain.core.condition.Or;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks a filter's constants, and the fields it compares, against the types of their fields,
 * once the query meets its records' types ({@code Kpis.run}, or {@code Kpis.check} given the types
 * alone). Core's conditions hold a value of another kind than its
 * field to be false, which over records whose types nobody declared is all one can say; here the types
 * are known, so such a filter is refused with its path instead of silently counting nothing (a
 * return rate of 0% because {@code "true"} is a text).
 *
 * <p>What each type of field accepts:
 *
 * <ul>
 *   <li>{@code BOOLEAN}: {@code true} or {@code false};
 *   <li>{@code DIMENSION}: a text;
 *   <li>{@code INSTANT}: an {@link Instant}, never a number (its unit would be a guess) nor ISO
 *       text (that is a text; an instant is {@code {"$instant": ...}} in JSON);
 *   <li>{@code DOUBLE} (and a decimal derived field): any number, whole ones compared exactly;
 *   <li>{@code LONG} (and a whole-number derived field): any number as a bound of {@code <},
 *       {@code <=}, {@code >}, {@code >=}, compared exactly ({@code amountCents > 1500.5} holds from
 *       1501); but with {@code ==}, {@code !=} or {@code in} only a whole number, since a whole
 *       number never equals 1500.5: such a filter would match nothing, or with {@code !=} everything.
 * </ul>
 *
 * <p>Two compared fields ({@code compareFields}) must be of one kind: two numbers (whole or decimal,
 * compared exactly), two instants, two texts or two booleans.
 */
final class FilterKinds {
  /** An example of the JSON form of an instant, for messages. */
  private static final String EXAMPLE_INSTANT = "2026-03-01T00:00:00Z";

  private FilterKinds() {}

  /**
   * Adds a problem at the path of each constant of {@code condition} (at {@code path}) that its
   * field's type cannot hold, and of each field compared with a field of another kind;
   * {@code describe} says what a field is ({@code a BOOLEAN field}).
   * Fields the records lack are left to the caller, which reports them.
   *
   * @return whether no problem was added
   */
  static boolean check(Problems problems, String path, Condition condition, Map<String, Slot> slots,
      Function<Slot, String> describe) {
    int before = problems.list().size();
    walk(problems, path, condition, slots, describe);
    return problems.list().size() == before;
  }

  private static void walk(Problems problems, String path, Condition condition, Map<String, Slot> slots,
      Function<Slot, String> describe) {
    if (condition instanceof And and) {
      for (int i = 0; i < and.conditions().size(); i++) {
        walk(problems, path + ".conditions[" + i + "]", and.conditions().get(i), slots, describe);
      }
    } else if (condition instanceof Or or) {
      for (int i = 0; i < or.conditions().size(); i++) {
        walk(problems, path + ".conditions[" + i + "]", or.conditions().get(i), slots, describe);
      }
    } else if (condition instanceof Not not) {
      walk(problems, path + ".condition", not.condition(), slots, describe);
    } else if (condition instanceof Equals eq) {
      constant(problems, path + ".value", slots.get(eq.field()), true, eq.value(), describe);
    } else if (condition instanceof In in) {
      for (int i = 0; i < in.values().size(); i++) {
        constant(problems, path + ".values[" + i + "]", slots.get(in.field()), true, in.values().get(i), describe);
      }
    } else if (condition instanceof Compare c && c.value().isPresent()) {
      boolean equality = c.op() == Comparison.EQ || c.op() == Comparison.NE;
      constant(problems, path + ".value", slots.get(c.field()), equality, c.value().get(), describe);
    } else if (condition instanceof Compare c) {
      Slot a = slots.get(c.field());
      Slot b = slots.get(c.otherField().get());
      if (a != null && b != null && kind(a) != kind(b)) {
        problems.add(path + ".otherField", "'%s' is %s and '%s' is %s; compared fields must be of one kind: two"
            + " numbers, two instants, two texts or two booleans", a.name, describe.apply(a), b.name,
            describe.apply(b));
      }
    }
  }

  /** The kind of values a field holds, as far as comparing two fields goes: numbers of both types are one kind. */
  private static FieldType kind(Slot s) {
    return s.type == FieldType.DOUBLE ? FieldType.LONG : s.type;
  }

  private static void constant(Problems problems, String path, Slot s, boolean equality, Object value,
      Function<Slot, String> describe) {
    if (s == null) {
      return;
    }
    String field = "'" + s.name + "' is " + describe.apply(s);
    String got = "got " + Values.kindOf(value) + " " + Values.describe(value);
    switch (s.type) {
      case BOOLEAN:
        problems.check(value instanceof Boolean, path, "%s; expected true or false, %s", field, got);
        break;
      case DIMENSION:
        problems.check(value instanceof String, path, "%s; expected a text, %s", field, got);
        break;
      case INSTANT:
        if (!(value instanceof Instant)) {
          problems.add(path, "%s; expected an instant (an Instant in Java, {\"$instant\": \"%s\"} in JSON), %s%s",
              field, isoText(value), got, asEpochMillis(value));
        }
        break;
      case DOUBLE:
        problems.check(value instanceof Number, path, "%s; expected a number, %s", field, got);
        break;
      default: // LONG, and whole-number derived fields
        if (!(value instanceof Number)) {
          problems.add(path, "%s; expected a number, %s", field, got);
        } else if (equality && value instanceof Double d && d != Math.rint(d)) {
          problems.add(path, "%s and never equals %s; expected a whole number (with <, <=, > or >=, a fraction is"
              + " a bound, compared exactly)", field, Values.describe(value));
        }
    }
  }

  /** {@code value} if it is ISO-8601 text, so that the message shows the constant as it should have been written. */
  private static String isoText(Object value) {
    if (value instanceof String text) {
      try {
        Instant.parse(text);
        return text;
      } catch (DateTimeParseException e) {
        // not an instant in any form: the message shows an example
      }
    }
    return EXAMPLE_INSTANT;
  }

  /** For a whole number, the instant it is as epoch milliseconds, the unit instant columns hold. */
  private static String asEpochMillis(Object value) {
    return value instanceof Long millis ? " (as epoch milliseconds, " + Instant.ofEpochMilli(millis) + ")" : "";
  }
}
