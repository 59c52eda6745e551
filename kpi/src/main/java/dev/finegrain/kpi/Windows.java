package dev.finegrain.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Places epoch-millisecond instants in calendar windows of a grain and zone. Windows are found as
 * records arrive and get ids in that order; a lookup is a check of the last window used, else a
 * binary search over the windows' starts, so no calendar arithmetic runs per record.
 */
final class Windows {
  private final Grain grain;
  private final ZoneId zone;
  private final Optional<TimeRange> range;
  private final long rangeFrom;
  private final long rangeTo;

  // windows sorted by start: starts[k], ends[k], ids[k]
  private long[] starts = new long[0];
  private long[] ends = new long[0];
  private int[] ids = new int[0];
  private final List<long[]> byId = new ArrayList<>(); // id -> {start, end}
  private long lastStart = 1;
  private long lastEnd = 0;
  private int lastId = -1;
  // for Grain.ALL without a range: the span of the data
  private long minSeen = Long.MAX_VALUE;
  private long maxSeen = Long.MIN_VALUE;

  Windows(Grain grain, ZoneId zone, Optional<TimeRange> range) {
    this.grain = grain;
    this.zone = zone;
    this.range = range;
    this.rangeFrom = range.map(r -> r.start().toEpochMilli()).orElse(Long.MIN_VALUE);
    this.rangeTo = range.map(r -> r.end().toEpochMilli()).orElse(Long.MAX_VALUE);
  }

  /** The window id of {@code t}, or -1 when {@code t} is absent or outside the range. */
  int idOf(long t) {
    if (t >= lastStart && t < lastEnd) {
      return lastId;
    }
    if (t == ColumnBatch.ABSENT || t < rangeFrom || t >= rangeTo) {
      return -1;
    }
    if (grain == Grain.ALL) {
      minSeen = Math.min(minSeen, t);
      maxSeen = Math.max(maxSeen, t);
      if (byId.isEmpty()) {
        byId.add(new long[] {rangeFrom, rangeTo});
      }
      if (range.isPresent()) {
        remember(rangeFrom, rangeTo, 0);
      }
      return 0;
    }
    int k = Arrays.binarySearch(starts, t);
    int at = k >= 0 ? k : -k - 2;
    if (at >= 0 && t < ends[at]) {
      remember(starts[at], ends[at], ids[at]);
      return ids[at];
    }
    return add(t);
  }

  private void remember(long start, long end, int id) {
    lastStart = start;
    lastEnd = end;
    lastId = id;
  }

  private int add(long t) {
    LocalDate day = Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
    LocalDate first = grain.startOf(day);
    long start = Grain.instantOf(first, zone).toEpochMilli();
    long end = Grain.instantOf(grain.next(first), zone).toEpochMilli();
    int id = byId.size();
    byId.add(new long[] {start, end});
    int k = -Arrays.binarySearch(starts, start) - 1;
    starts = insert(starts, k, start);
    ends = insert(ends, k, end);
    int[] newIds = new int[ids.length + 1];
    System.arraycopy(ids, 0, newIds, 0, k);
    newIds[k] = id;
    System.arraycopy(ids, k, newIds, k + 1, ids.length - k);
    ids = newIds;
    remember(start, end, id);
    return id;
  }

  private static long[] insert(long[] a, int k, long v) {
    long[] out = new long[a.length + 1];
    System.arraycopy(a, 0, out, 0, k);
    out[k] = v;
    System.arraycopy(a, k, out, k + 1, a.length - k);
    return out;
  }

  int count() {
    return byId.size();
  }

  /** The window with this id, labelled. */
  Window window(int id) {
    long[] span = byId.get(id);
    if (grain == Grain.ALL) {
      Instant from = range.isPresent() ? range.get().start() : Instant.ofEpochMilli(minSeen);
      Instant to = range.isPresent() ? range.get().end() : Instant.ofEpochMilli(maxSeen + 1);
      return new Window(from, to, "all");
    }
    LocalDate first = Instant.ofEpochMilli(span[0]).atZone(zone).toLocalDate();
    return new Window(Instant.ofEpochMilli(span[0]), Instant.ofEpochMilli(span[1]), grain.label(first));
  }
}
