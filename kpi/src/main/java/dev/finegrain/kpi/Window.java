package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * One calendar window of a query result: {@code [start, end)} and a label such as {@code 2026-W10}.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"label", "start", "end"})
public final class Window implements Comparable<Window> {
  private final Instant start;
  private final Instant end;
  private final String label;

  Window(Instant start, Instant end, String label) {
    this.start = start;
    this.end = end;
    this.label = label;
  }

  /** {@return the start, inclusive; {@link Instant#MIN} for the window of a query without a time field} */
  @JsonProperty
  public Instant start() {
    return start;
  }

  /** {@return the end, exclusive; {@link Instant#MAX} for the window of a query without a time field} */
  @JsonProperty
  public Instant end() {
    return end;
  }

  /** {@return 2026-03-02 (day), 2026-W10 (ISO week), 2026-03 (month), 2026-Q1 (quarter), all} */
  @JsonProperty
  public String label() {
    return label;
  }

  @Override
  public int compareTo(Window o) {
    return start.compareTo(o.start);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Window other && other.start.equals(start) && other.end.equals(end)
        && other.label.equals(label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, end, label);
  }

  @Override
  public String toString() {
    return label;
  }
}
