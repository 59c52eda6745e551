package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * The half-open time range {@code [start, end)} a query reads. Both ends are instants from
 * {@code Long.MIN_VALUE} to {@code Long.MAX_VALUE} epoch milliseconds (about 292 million years
 * either side of 1970), as records' instants are (but for a record's first millisecond, which
 * stands for an absent instant); others are refused when the range is built. The
 * ends may be finer than a millisecond (as {@link Instant#now()} is): a record, whose instant is a
 * whole millisecond, is in the range when it is at or after {@code start} and before {@code end},
 * so a range from {@code 00:00:00.000500} reads the record of {@code 00:00:00.001} and not the one
 * of {@code 00:00:00.000}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTimeRange.class)
@JsonDeserialize(as = ImmutableTimeRange.class)
public abstract class TimeRange {
  TimeRange() {}

  /** The earliest instant a range may start or end at: {@code Long.MIN_VALUE} epoch milliseconds. */
  private static final Instant FIRST = Instant.ofEpochMilli(Long.MIN_VALUE);
  /** The latest: {@code Long.MAX_VALUE} epoch milliseconds. */
  private static final Instant LAST = Instant.ofEpochMilli(Long.MAX_VALUE);

  /** {@return the start of the range, inclusive} */
  public abstract Instant start();

  /** {@return the end of the range, exclusive} */
  public abstract Instant end();

  /**
   * The range {@code [start, end)}.
   *
   * @param start the start, inclusive
   * @param end the end, exclusive, after {@code start}
   * @return the range
   */
  public static TimeRange of(Instant start, Instant end) {
    return ImmutableTimeRange.builder().start(start).end(end).build();
  }

  /**
   * Whether {@code epochMillis} lies in the range.
   *
   * @param epochMillis an instant in epoch milliseconds
   * @return whether {@code epochMillis} lies in the range
   */
  public boolean contains(long epochMillis) {
    return epochMillis >= startMillis() && epochMillis < endMillis();
  }

  /** The first whole epoch millisecond at or after {@code start}: the first a record in the range can have. */
  long startMillis() {
    return ceilMillis(start());
  }

  /** The first whole epoch millisecond at or after {@code end}: records before it are before {@code end}. */
  long endMillis() {
    return ceilMillis(end());
  }

  /** {@code t} rounded up to a whole epoch millisecond (it fits: {@code t} is at most {@code Long.MAX_VALUE} ms). */
  private static long ceilMillis(Instant t) {
    long floor = t.toEpochMilli();  // rounds down, before 1970 too
    return t.getNano() % 1_000_000 == 0 ? floor : floor + 1;
  }

  @Value.Check
  void check() {
    new Problems().check(start().isBefore(end()), "end", "must be after start (%s), got %s", start(), end())
        .check(inMillisRange(start()), "start", "expected an instant from %s to %s (epoch milliseconds that fit a "
            + "long), got %s", FIRST, LAST, start())
        .check(inMillisRange(end()), "end", "expected an instant from %s to %s (epoch milliseconds that fit a "
            + "long), got %s", FIRST, LAST, end())
        .throwIfAny("time range");
  }

  private static boolean inMillisRange(Instant t) {
    return !t.isBefore(FIRST) && !t.isAfter(LAST);
  }

  @Override
  public String toString() {
    return "[" + start() + ", " + end() + ")";
  }
}
