package dev.finegrain.examples;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * How every scenario writes durations, instants and lists, so the demo reads the same throughout:
 * {@code 45 min}, {@code 5 h}, {@code 12 h 30 min}; {@code 03-02 14:00} in the shop's zone; lists
 * joined by commas, without brackets.
 */
public final class Words {
  /** The shop's time zone: every instant the demo prints is local time there. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter MONTH_DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  private Words() {}

  /**
   * A duration in whole minutes as a person says it: {@code 45 min}, {@code 5 h}, {@code 12 h 30 min},
   * {@code 49 h 41 min}; negative durations get a minus sign, zero is {@code 0 min}.
   */
  public static String duration(Duration d) {
    long total = d.toMinutes();
    String sign = total < 0 ? "-" : "";
    long minutes = Math.abs(total);
    if (minutes < 60) {
      return sign + minutes + " min";
    }
    long h = minutes / 60;
    long m = minutes % 60;
    return sign + (m == 0 ? h + " h" : h + " h " + m + " min");
  }

  /** A number of minutes as {@link #duration(Duration)} writes it. */
  public static String minutes(long minutes) {
    return duration(Duration.ofMinutes(minutes));
  }

  /** An instant as month, day and time in the shop's zone: {@code 03-02 22:19}. */
  public static String localTime(Instant at) {
    return MONTH_DAY_TIME.format(at.atZone(ZONE));
  }

  /** The items joined by {@code ", "}, without brackets; {@code none} when there are none. */
  public static String list(Collection<?> items) {
    return items.isEmpty() ? "none" : items.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
