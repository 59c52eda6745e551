package dev.finegrain.kpi;

/**
 * The type of a record field, as a {@link Schema} or a {@link ColumnBatch} declares it, or as code
 * that reads records itself tells {@link Kpis#check(KpiQuery, java.util.Map)}.
 *
 * @since 0.1
 */
public enum FieldType {
  /** A whole number ({@code long}); {@code Long.MIN_VALUE} ({@link ColumnBatch#ABSENT}) means absent. */
  LONG,
  /** A decimal number ({@code double}); {@code NaN} means absent. */
  DOUBLE,
  /** A boolean, always present. */
  BOOLEAN,
  /** A text value to group or filter by, such as a channel or a member id; may be absent. */
  DIMENSION,
  /**
   * An instant, held as epoch milliseconds; may be absent (an order not shipped yet). Not a number:
   * it compares with instants, and a derived field may subtract it from another instant, giving
   * milliseconds ({@code (shippedAt - createdAt) // 1h}); a sum, mean or quantile of it is refused.
   */
  INSTANT;

  /**
   * Whether values of this type are numbers that can be summed and compared with numbers: {@link
   * #LONG} and {@link #DOUBLE}, not {@link #INSTANT}.
   *
   * @return whether values of this type are numbers that can be summed and compared with numbers
   */
  public boolean isNumeric() {
    return this == LONG || this == DOUBLE;
  }

  /**
   * Whether values of this type are held as whole numbers: {@link #LONG}, and {@link #INSTANT} as
   * epoch milliseconds.
   *
   * @return whether values of this type are held as whole numbers
   */
  public boolean isWhole() {
    return this == LONG || this == INSTANT;
  }
}
