package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.kpi.internal.Problems;
import java.time.Instant;
import org.immutables.value.Value;

/** The half-open time range {@code [from, to)} a query reads. */
@Value.Immutable
@JsonSerialize(as = ImmutableTimeRange.class)
@JsonDeserialize(as = ImmutableTimeRange.class)
public abstract class TimeRange {
  public abstract Instant from();

  public abstract Instant to();

  public static TimeRange of(Instant from, Instant to) {
    return ImmutableTimeRange.builder().from(from).to(to).build();
  }

  /** Whether {@code epochMillis} lies in the range. */
  public boolean contains(long epochMillis) {
    return epochMillis >= from().toEpochMilli() && epochMillis < to().toEpochMilli();
  }

  @Value.Check
  protected void check() {
    new Problems().check(from().isBefore(to()), "to", "must be after from (%s), got %s", from(), to())
        .throwIfAny("time range");
  }

  @Override
  public String toString() {
    return "[" + from() + ", " + to() + ")";
  }
}
