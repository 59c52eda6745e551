package dev.finegrain.core.condition;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A predicate over named fields, as data. Build one with the factories here and read it back with
 * {@code toString}:
 *
 * <pre>{@code
 * Condition foodOrCosmetics = Condition.in("category", "food", "cosmetics");
 * Condition onTime = Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy");
 * Condition needsLicence = Condition.and(Condition.eq("category", "food"), Condition.not(Condition.exists("licence")));
 * needsLicence.toString();                      // (category == "food" and not exists(licence))
 * needsLicence.test(FieldSource.of(Map.of("category", "food")));   // true
 * }</pre>
 *
 * <p>A constant is a text, a number, a boolean or an {@link java.time.Instant}. Values compare only
 * with values of their own kind: numbers by value (3 equals 3.0), texts alphabetically, instants in
 * time order. An instant is neither a text nor a number of any unit: to compare an instant field,
 * give an {@code Instant} ({@code Condition.compare("listedAt", Comparison.LT,
 * Instant.parse("2026-03-01T00:00:00Z"))}); in JSON it is written as in an artifact,
 * {@code {"$instant": "2026-03-01T00:00:00Z"}}, and ISO text without that tag stays a text.
 *
 * <p>A comparison whose field is missing, or whose values are of different kinds (text against
 * number), is false, like SQL's unknown; {@code not} of it is true. Where the fields' types are known
 * before any record is read (a KPI query run over a {@code Schema} or a {@code ColumnBatch}), a
 * constant or field of the wrong kind is refused instead, naming its path. In JSON each condition has
 * a {@code type}: {@code equals}, {@code in}, {@code compare}, {@code exists}, {@code and},
 * {@code or}, {@code not}.
 *
 * <p>Conditions nest at most {@link #MAX_DEPTH} levels deep (a leaf is one level, each
 * {@code and}/{@code or}/{@code not} around it one more); a deeper one is refused when it is built
 * or read from JSON, with a {@link dev.finegrain.core.DefinitionException} naming the path of its
 * deepest part. So testing, printing or comparing a condition never recurses deeper than that.
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImmutableEquals.class, name = "equals"),
    @JsonSubTypes.Type(value = ImmutableIn.class, name = "in"),
    @JsonSubTypes.Type(value = ImmutableCompare.class, name = "compare"),
    @JsonSubTypes.Type(value = ImmutableExists.class, name = "exists"),
    @JsonSubTypes.Type(value = ImmutableAnd.class, name = "and"),
    @JsonSubTypes.Type(value = ImmutableOr.class, name = "or"),
    @JsonSubTypes.Type(value = ImmutableNot.class, name = "not"),
})
public sealed interface Condition permits Equals, In, Compare, Exists, And, Or, Not {
  /** How many levels conditions may nest, a leaf counting as one: {@value}. */
  int MAX_DEPTH = 64;

  /**
   * Whether the fields of {@code source} satisfy this condition.
   *
   * @param source where field values come from
   * @return whether the fields of {@code source} satisfy this condition
   */
  boolean test(FieldSource source);

  /**
   * The field paths this condition reads, for validation against a schema.
   *
   * @return the field paths this condition reads, for validation against a schema
   */
  List<String> fields();

  /**
   * {@code field} equals {@code value} (numbers compare by value: 3 equals 3.0).
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param value the value to compare with: a text, number, boolean or instant
   * @return a condition that holds when {@code field} equals {@code value} (numbers compare by value: 3 equals 3.0)
   */
  static Condition eq(String field, Object value) {
    return ImmutableEquals.builder().field(field).value(value).build();
  }

  /**
   * {@code field} equals one of {@code values}.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param values the values to look for: texts, numbers, booleans or instants
   * @return a condition that holds when {@code field} equals one of {@code values}
   */
  static Condition in(String field, Object... values) {
    return ImmutableIn.builder().field(field).addValues(values).build();
  }

  /**
   * {@code field op value}, such as {@code price >= 10}.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param op the comparison
   * @param value the value to compare with: a text, number, boolean or instant
   * @return a condition that holds when {@code field op value}, such as {@code price >= 10}
   */
  static Condition compare(String field, Comparison op, Object value) {
    return ImmutableCompare.builder().field(field).op(op).value(value).build();
  }

  /**
   * {@code field op otherField}, such as {@code shippedAt <= promisedShipBy}.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param op the comparison
   * @param otherField the field path of the other operand
   * @return a condition that holds when {@code field op otherField}, such as {@code shippedAt <= promisedShipBy}
   */
  static Condition compareFields(String field, Comparison op, String otherField) {
    return ImmutableCompare.builder().field(field).op(op).otherField(otherField).build();
  }

  /**
   * {@code field} is present.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @return a condition that holds when {@code field} is present
   */
  static Condition exists(String field) {
    return ImmutableExists.builder().field(field).build();
  }

  /**
   * Every one of {@code conditions} holds (true when there are none).
   *
   * @param conditions the conditions
   * @return a condition that holds when every one of {@code conditions} holds (true when there are none)
   */
  static Condition and(Condition... conditions) {
    return ImmutableAnd.builder().addConditions(conditions).build();
  }

  /**
   * At least one of {@code conditions} holds (false when there are none).
   *
   * @param conditions the conditions
   * @return a condition that holds when at least one of {@code conditions} holds (false when there are none)
   */
  static Condition or(Condition... conditions) {
    return ImmutableOr.builder().addConditions(conditions).build();
  }

  /**
   * {@code condition} does not hold.
   *
   * @param condition the condition
   * @return a condition that holds when {@code condition} does not hold
   */
  static Condition not(Condition condition) {
    return ImmutableNot.builder().condition(condition).build();
  }

  /**
   * Every one of {@code conditions} holds.
   *
   * @param conditions the conditions
   * @return a condition that holds when every one of {@code conditions} holds
   */
  static Condition and(List<Condition> conditions) {
    return and(conditions.toArray(new Condition[0]));
  }

  /**
   * At least one of {@code conditions} holds.
   *
   * @param conditions the conditions
   * @return a condition that holds when at least one of {@code conditions} holds
   */
  static Condition or(List<Condition> conditions) {
    return or(conditions.toArray(new Condition[0]));
  }
}
