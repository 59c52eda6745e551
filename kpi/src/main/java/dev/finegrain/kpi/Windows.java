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
 * binary search over the windows' starts, so no calendar arithmetic runs per record. In a zone
 * with a fixed offset (UTC, say) a local day is {@code floorDiv(t + offset, day)}, and every
 * window is a run of whole local days, so a lookup is one division and one array read.
 */
final class Windows {
  private final Grain grain;
  private final ZoneId zone;
  private final Optional<TimeRange> range;
  /** The query's range: instants from {@code rangeFrom} (inclusive) to {@code rangeTo}; others are outside it. */
  final long rangeFrom;
  final long rangeTo;

  // windows sorted by start: starts[k], ends[k], ids[k] for k < sorted; the arrays have room to
  // grow, so that adding a window costs a shift of the later ones, not a copy of every array
  private long[] starts = new long[8];
  private long[] ends = new long[8];
  private int[] ids = new int[8];
  private int sorted;
  private final List<long[]> byId = new ArrayList<>(); // id -> {start, end}
  private final List<Window> labelled = new ArrayList<>();
  private long lastStart = 1;
  private long lastEnd = 0;
  private int lastId = -1;
  // for Grain.ALL without a range: the span of the data
  private long minSeen = Long.MAX_VALUE;
  private long maxSeen = Long.MIN_VALUE;
  // for Grain.ALL without a time field: the window has no bounds
  private boolean untimed;

  static final long DAY_MILLIS = 86_400_000L;
  /** Days cached at most: 2^16 days, some 180 years of data; instants beyond fall back to the search. */
  private static final int MAX_CACHED_DAYS = 1 << 16;
  /** Instants this far from the epoch cannot overflow {@code t + offset}. */
  private static final long SAFE = 1L << 60;
  /** Whether the zone has a fixed offset and the grain calendar windows: then days are cached. */
  private final boolean byDay;
  private final long offsetMillis;
  // local day (epoch day) - firstDay -> window id + 1, 0 when not yet seen
  private int[] dayIds = new int[0];
  private long firstDay;

  Windows(Grain grain, ZoneId zone, Optional<TimeRange> range) {
    this.grain = grain;
    this.zone = zone;
    this.range = range;
    this.rangeFrom = range.map(TimeRange::startMillis).orElse(Long.MIN_VALUE);
    this.rangeTo = range.map(TimeRange::endMillis).orElse(Long.MAX_VALUE);
    this.byDay = grain != Grain.ALL && zone.getRules().isFixedOffset();
    this.offsetMillis = byDay ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : 0;
  }

  /** The window id of {@code t}, or -1 when {@code t} is absent or outside the range. */
  int idOf(long t) {
    if (byDay && t > -SAFE && t < SAFE && t >= rangeFrom && t < rangeTo) {
      long k = localDay(t) - firstDay;
      if (k >= 0 && k < dayIds.length && dayIds[(int) k] != 0) {
        return dayIds[(int) k] - 1;
      }
      return cacheDay(t);
    }
    // the range first: the last window used may reach outside it (a month, of a range of days)
    if (t == ColumnBatch.ABSENT || t < rangeFrom || t >= rangeTo) {
      return -1;
    }
    if (t >= lastStart && t < lastEnd) {
      return lastId;
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
    return search(t);
  }

  /**
   * Puts the first {@code n} records of a query without a time field (grain ALL, no range) into the
   * one window, id 0.
   */
  void untimed(int n, int[] out) {
    if (byId.isEmpty()) {
      byId.add(new long[] {rangeFrom, rangeTo});
      untimed = true;
    }
    Arrays.fill(out, 0, n, 0);
  }

  /**
   * Sets {@code out[i]} to {@link #idOf} of {@code t[offset + i]} for {@code i < n}. In a fixed-offset
   * zone the day table is read by a loop that calls nothing, with its own copies of the table's
   * fields, taken again after each record it stops at (absent, out of range, or a day not cached
   * yet); so the common record costs a subtraction, a division by a constant and one array read.
   *
   * @return how many of the {@code n} instants have no window (id -1)
   */
  int idsOf(long[] t, int offset, int n, int[] out) {
    int none = 0;
    if (!byDay) {
      for (int i = 0; i < n; i++) {
        int id = idOf(t[offset + i]);
        out[i] = id;
        none += id >>> 31;
      }
      return none;
    }
    int i = 0;
    while (i < n) {
      i = cachedDayIds(t, offset, i, n, out);
      if (i < n) {
        // absent, outside the range or the cache, or a day not cached yet: the one-by-one lookup
        int id = idOf(t[offset + i]);
        out[i] = id;
        none += id >>> 31;
        i++;
      }
    }
    return none;
  }

  /** Whether instants find their window through the day table: a fixed-offset zone, calendar windows. */
  boolean byDay() {
    return byDay;
  }

  /** The zone's offset from UTC in milliseconds (0 unless {@link #byDay()}). */
  long offsetMillis() {
    return offsetMillis;
  }

  /** The local day (epoch day) of {@code t}, for {@link #dayLow()} {@code <= t <} {@link #dayHigh()}. */
  long localDay(long t) {
    return Math.floorDiv(t + offsetMillis, DAY_MILLIS);
  }

  /**
   * The least instant the day table takes: the range's start, or the least instant whose day
   * cannot overflow. With {@link #dayHigh()}, what a record's instant must lie within for its window
   * to be its local day's.
   */
  long dayLow() {
    return Math.max(rangeFrom, -SAFE + 1);
  }

  /** Above every instant the day table takes: the range's end, or the first whose day could overflow. */
  long dayHigh() {
    return Math.min(rangeTo, SAFE);
  }

  /**
   * Sets {@code out[i]} for {@code i} from {@code from} while the instant's day is in the day
   * table, and returns the first {@code i} whose is not (or {@code n}). The loop calls nothing, so
   * the compiler keeps it tight; the rare record it stops at is looked up one by one.
   */
  private int cachedDayIds(long[] t, int offset, int from, int n, int[] out) {
    // t > -SAFE && t < SAFE && t >= rangeFrom && t < rangeTo, as two comparisons
    long lo = Math.max(rangeFrom, -SAFE + 1);
    long hi = Math.min(rangeTo, SAFE);
    int[] days = dayIds;
    long base = offsetMillis - firstDay * DAY_MILLIS; // t + base is the time since the first cached day
    long span = days.length * DAY_MILLIS; // x / DAY_MILLIS < days.length exactly when x < span
    for (int i = from; i < n; i++) {
      long at = t[offset + i];
      if (at < lo || at >= hi) {
        return i;
      }
      long x = at + base;
      if (x < 0 || x >= span) {
        return i;
      }
      int id = days[(int) (x / DAY_MILLIS)];
      if (id == 0) {
        return i;
      }
      out[i] = id - 1;
    }
    return n;
  }

  /** The window id of {@code t}, which is in the range, found by binary search or added. */
  private int search(long t) {
    int k = Arrays.binarySearch(starts, 0, sorted, t);
    int at = k >= 0 ? k : -k - 2;
    if (at >= 0 && (t < ends[at] || ends[at] == Long.MAX_VALUE)) { // the last window reaches Long.MAX_VALUE too
      remember(starts[at], ends[at], ids[at]);
      return ids[at];
    }
    return add(t);
  }

  /** Finds the window of {@code t} by the search and caches it for {@code t}'s whole local day. */
  private int cacheDay(long t) {
    int id = search(t);
    long day = localDay(t);
    if (dayIds.length == 0) {
      firstDay = day;
    }
    long lo = Math.min(firstDay, day);
    long hi = Math.max(firstDay + dayIds.length, day + 1);
    if (hi - lo > MAX_CACHED_DAYS) {
      return id;
    }
    if (lo < firstDay || hi > firstDay + dayIds.length) {
      // grow with slack on the side that grew, so data arriving in time order costs few copies
      long newLo = lo < firstDay ? Math.max(hi - MAX_CACHED_DAYS, lo - (hi - lo)) : lo;
      long newHi = hi > firstDay + dayIds.length ? Math.min(newLo + MAX_CACHED_DAYS, hi + (hi - lo)) : hi;
      int[] bigger = new int[(int) (newHi - newLo)];
      System.arraycopy(dayIds, 0, bigger, (int) (firstDay - newLo), dayIds.length);
      dayIds = bigger;
      firstDay = newLo;
    }
    dayIds[(int) (day - firstDay)] = id + 1;
    return id;
  }

  private void remember(long start, long end, int id) {
    lastStart = start;
    lastEnd = end;
    lastId = id;
  }

  private int add(long t) {
    LocalDate day = Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
    LocalDate first = grain.startOf(day);
    long start = millis(Grain.instantOf(first, zone));
    long end = millis(Grain.instantOf(grain.next(first), zone));
    int id = byId.size();
    byId.add(new long[] {start, end});
    int k = -Arrays.binarySearch(starts, 0, sorted, start) - 1;
    if (sorted == starts.length) {
      int room = Kernels.grow(sorted, sorted + 1);
      starts = Arrays.copyOf(starts, room);
      ends = Arrays.copyOf(ends, room);
      ids = Arrays.copyOf(ids, room);
    }
    System.arraycopy(starts, k, starts, k + 1, sorted - k);
    System.arraycopy(ends, k, ends, k + 1, sorted - k);
    System.arraycopy(ids, k, ids, k + 1, sorted - k);
    starts[k] = start;
    ends[k] = end;
    ids[k] = id;
    sorted++;
    remember(start, end, id);
    return id;
  }

  /**
   * {@code t} in epoch milliseconds, or the nearest long (above {@link ColumnBatch#ABSENT}): the
   * windows of records in the first and last few months of the epoch-millisecond range start or end
   * beyond it.
   */
  private static long millis(Instant t) {
    if (t.isBefore(FIRST_MILLI)) {
      return ColumnBatch.ABSENT + 1;
    }
    return t.isAfter(LAST_MILLI) ? Long.MAX_VALUE : t.toEpochMilli();
  }

  private static final Instant FIRST_MILLI = Instant.ofEpochMilli(Long.MIN_VALUE);
  private static final Instant LAST_MILLI = Instant.ofEpochMilli(Long.MAX_VALUE);

  /**
   * The id here of window {@code id} of {@code other}, windows of the same grain, zone and range
   * found over other records; added if new. For {@link Grain#ALL} the span of the data seen widens
   * to cover both.
   */
  int idOfWindowOf(Windows other, int id) {
    if (grain == Grain.ALL) {
      minSeen = Math.min(minSeen, other.minSeen);
      maxSeen = Math.max(maxSeen, other.maxSeen);
      untimed |= other.untimed;
      if (byId.isEmpty()) {
        byId.add(new long[] {rangeFrom, rangeTo});
      }
      return 0;
    }
    return search(other.start(id));
  }

  int count() {
    return byId.size();
  }

  /** The start of window {@code id} in epoch millis. */
  long start(int id) {
    return byId.get(id)[0];
  }

  /** The end (exclusive) of window {@code id} in epoch millis. */
  long end(int id) {
    return byId.get(id)[1];
  }

  /** Window id to its place in time order (windows never overlap, so starts order them). */
  int[] ranks() {
    int[] rank = new int[byId.size()]; // Grain.ALL has its one window, rank 0, outside the sorted arrays
    for (int k = 0; k < sorted; k++) {
      rank[ids[k]] = k;
    }
    return rank;
  }

  /** The window with this id, labelled. */
  Window window(int id) {
    // one Window per id: a result has a row per group but only a few dozen windows
    while (labelled.size() <= id) {
      labelled.add(null);
    }
    Window w = labelled.get(id);
    if (w == null) {
      w = label(id);
      labelled.set(id, w);
    }
    return w;
  }

  private Window label(int id) {
    long[] span = byId.get(id);
    if (untimed) {
      return new Window(Instant.MIN, Instant.MAX, "all");
    }
    if (grain == Grain.ALL) {
      Instant from = range.isPresent() ? range.get().start() : Instant.ofEpochMilli(minSeen);
      Instant to = range.isPresent() ? range.get().end() : Instant.ofEpochMilli(maxSeen).plusMillis(1);
      return new Window(from, to, "all");
    }
    LocalDate first = Instant.ofEpochMilli(span[0]).atZone(zone).toLocalDate();
    return new Window(Instant.ofEpochMilli(span[0]), Instant.ofEpochMilli(span[1]), grain.label(first));
  }
}
