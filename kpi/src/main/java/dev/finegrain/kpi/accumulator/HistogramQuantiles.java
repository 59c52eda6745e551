package dev.finegrain.kpi.accumulator;

import java.util.Arrays;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Quantiles of {@code long} values (delays in hours, response times in milliseconds, and signed
 * ones: hours late against a promised date, negative when early; a margin; a stock delta) in
 * bounded memory, from an HdrHistogram with a configurable number of significant decimal digits
 * (1 to 5; default 3). Any long is taken, {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE}
 * included.
 *
 * <p><b>Error.</b> With {@code d} digits, values from {@code -exactBelow()} to
 * {@code exactBelow() - 1} (−2048 to 2047 for 3 digits; see {@link #exactBelow()}) are kept
 * exactly, and any other value shares its bucket only with values of its sign within a relative
 * {@link #relativeError()} of it ({@code 1/1024 ≈ 0.098%} for 3 digits; always below
 * {@code 10^-d}). A reported quantile {@code r} of true nearest-rank value {@code t} (the value at
 * the nearest-rank position of all the values added, in ascending order) is never below it and at
 * most that relative error of its magnitude above it:
 * {@code t <= r <= t + relativeError() · |t|}, so {@code |r − t| <= 10^-d · |t|} for either sign
 * (a negative {@code t} is reported at most that much nearer to 0, never further from it); 0 is
 * exact, and so are min and max. See {@link QuantileResult} for the semantics.
 *
 * <p><b>Negative values</b> go to a second histogram of the same precision and layout, made when
 * the first negative value comes, which holds {@code -v - 1} for each negative {@code v} (its
 * bitwise complement {@code ~v}: −1 as 0, {@code Long.MIN_VALUE} as {@code 2^63 − 1}, so that every
 * long has a bucket). A histogram that never sees a negative value is what it was before negative
 * values were taken: one reference more (null), the same work per value and the same bytes.
 *
 * <p><b>Merging is exact</b>: bucket counts add, so any split and merge order gives the same
 * histogram, and the same quantiles, as one pass. Both sides must have the same number of digits;
 * a compact and an array-backed histogram merge, keeping the layout of the one merged into.
 *
 * <p><b>Memory and speed.</b> The default ({@link #create()}) is HdrHistogram's array-backed
 * {@code Histogram}: fastest to add to (an index computation and an array increment per value),
 * but it grows to cover the largest value — about 17 KB empty, 90 KB up to a million and 440 KB
 * up to {@code Long.MAX_VALUE} at 3 digits (and as much again for the magnitudes of negative
 * values, when there are any). For many groups (a histogram per seller per day),
 * {@link #createCompact(int)} uses {@code PackedHistogram}, which stores only non-empty buckets
 * (hundreds of bytes to a few KB) and adds more slowly, as each value first finds its bucket's
 * slot in the packed array. Both give identical buckets and results, and byte forms that differ only in
 * the layout byte; for a small
 * integer domain {@link ExactQuantiles} is smaller still, and exact. {@link #add} does not
 * allocate except when the histogram grows to cover a larger value (or, compact, a new bucket).
 * {@link #fromBytes} keeps the buckets it reads as two numbers each, at most 8 bytes of memory per
 * byte read, whatever values they hold; the first {@link #add} or {@link #merge} into a histogram
 * read from bytes builds its HdrHistogram in the layout the bytes name (array-backed: up to 48 MB at
 * 5 digits for values near 2^62), and merging one read from bytes into another histogram does not.
 *
 * <p>Byte form (tag 8): digits (1 byte), layout (1 byte: 0 array-backed, 1 compact), then the
 * values of 0 or more as a bucket set: the number of non-empty buckets (varint), and if it is not
 * 0: min and max (varints), then per bucket in ascending order the delta of its lowest value from
 * the previous bucket's (the first: from 0) and its count (varints). Only when some value is
 * negative, a second bucket set follows, of the same fields over {@code -v - 1} of the negative
 * values, with at least one bucket; a histogram without negative values has the form it had
 * before they were taken, and a reader from before then refuses one with them (as trailing
 * bytes) rather than misread it. The form is canonical and independent of HdrHistogram's own
 * encoding; {@code docs/formats/accumulators.md} has its table.
 *
 * @since 0.1
 */
public final class HistogramQuantiles implements Accumulator<HistogramQuantiles, QuantileResult> {
  /** The default precision: 3 significant digits. */
  public static final int DEFAULT_DIGITS = 3;

  /**
   * The names of a bucket set's fields in errors, built once: the values of 0 or more, and the
   * negative values as {@code -v - 1}.
   */
  private record Fields(String prefix, String size, String min, String max, String value, String count) {
    Fields(String prefix) {
      this(prefix, prefix + "bucket count", prefix + "min", prefix + "max", prefix + "bucket # value",
          prefix + "bucket # count");
    }
  }

  private static final Fields VALUES = new Fields("");
  private static final Fields NEGATIVES = new Fields("negative values (as -v - 1): ");

  /**
   * Empty histograms of each precision, for the bucket arithmetic of a histogram that has none of
   * its own yet (one read from bytes): their bucket functions read only final configuration.
   */
  private static final PackedHistogram[] SHAPES = new PackedHistogram[6];

  static {
    for (int d = 1; d <= 5; d++) {
      SHAPES[d] = new PackedHistogram(d);
    }
  }

  private final int digits;
  private final boolean compact;
  /** The HdrHistogram; null while the state is still {@link #read}. */
  private AbstractHistogram histogram;
  /**
   * The buckets as read from bytes (lowest value, count pairs), until the first {@link #add} or
   * merge into this histogram builds {@link #histogram}: reading allocates in proportion to the
   * bytes, never the HdrHistogram's counts array (48 MB at 5 digits for values near 2^62). Never
   * changed once set; shared by copies.
   */
  private long[] read;
  /** How many values were added: of 0 or more, and negative ones. */
  private long count;
  /** The smallest value of 0 or more; {@code Long.MAX_VALUE} while there is none. */
  private long min = Long.MAX_VALUE;
  /** The largest value of 0 or more; {@code Long.MIN_VALUE} while there is none. */
  private long max = Long.MIN_VALUE;
  /**
   * The negative values as {@code -v - 1}, in a histogram of the same digits and layout (whose own
   * {@code negatives} is always null); null while no negative value was added, so that values of
   * 0 or more cost what they did before negative values were taken.
   */
  private HistogramQuantiles negatives;

  private HistogramQuantiles(int digits, boolean compact) {
    this.digits = digits;
    this.compact = compact;
    this.histogram = newHistogram(digits, compact);
  }

  private HistogramQuantiles(int digits, boolean compact, long[] read) {
    this.digits = digits;
    this.compact = compact;
    this.read = read;
  }

  private static AbstractHistogram newHistogram(int digits, boolean compact) {
    return compact ? new PackedHistogram(digits) : new Histogram(digits);
  }

  /** The HdrHistogram, built from the buckets read from bytes on first use. */
  private AbstractHistogram live() {
    if (histogram == null) {
      AbstractHistogram h = newHistogram(digits, compact);
      for (int i = 0; i < read.length; i += 2) {
        h.recordValueWithCount(read[i], read[i + 1]);
      }
      histogram = h;
      read = null;
    }
    return histogram;
  }

  /** A histogram with this precision's buckets, for bucket arithmetic only. */
  private AbstractHistogram shape() {
    return histogram != null ? histogram : SHAPES[digits];
  }

  /** {@return an empty, array-backed histogram with 3 significant digits} */
  public static HistogramQuantiles create() {
    return new HistogramQuantiles(DEFAULT_DIGITS, false);
  }

  /**
   * An empty, array-backed histogram with {@code significantDigits} significant decimal digits.
   *
   * @param significantDigits the precision in significant decimal digits, 1 to 5
   * @return an empty, array-backed histogram with {@code significantDigits} significant decimal digits
   * @throws IllegalArgumentException unless {@code significantDigits} is 1 to 5
   */
  public static HistogramQuantiles create(int significantDigits) {
    return new HistogramQuantiles(checkDigits(significantDigits), false);
  }

  /**
   * An empty, compact (packed) histogram with {@code significantDigits} significant decimal digits:
   * small in memory, slower to add to.
   *
   * @param significantDigits the precision in significant decimal digits, 1 to 5
   * @return an empty, compact (packed) histogram with {@code significantDigits} significant decimal digits: small in
   *     memory, slower to add to
   * @throws IllegalArgumentException unless {@code significantDigits} is 1 to 5
   */
  public static HistogramQuantiles createCompact(int significantDigits) {
    return new HistogramQuantiles(checkDigits(significantDigits), true);
  }

  private static int checkDigits(int significantDigits) {
    if (significantDigits < 1 || significantDigits > 5) {
      throw new IllegalArgumentException("significantDigits: " + significantDigits + "; expected 1 to 5");
    }
    return significantDigits;
  }

  /**
   * Adds {@code value}.
   *
   * @param value the value to add, any long
   */
  public void add(long value) {
    add(value, 1);
  }

  /**
   * Adds {@code value} {@code times} times (for pre-counted data).
   *
   * @param value the value to add, any long
   * @param times how many times it is added, at least 0
   * @throws IllegalArgumentException if {@code times} is negative
   * @throws ArithmeticException if the count would overflow a long
   */
  public void add(long value, long times) {
    if (times <= 0) {
      if (times == 0) {
        return;
      }
      throw new IllegalArgumentException("times: " + times + " is negative");
    }
    long n = Math.addExact(count, times);
    if (value < 0) {
      addNegative(value, times);
    } else {
      live().recordValueWithCount(value, times);
      if (value < min) {
        min = value;
      }
      if (value > max) {
        max = value;
      }
    }
    count = n;
  }

  /** Kept out of {@link #add(long, long)}, so that the path of values of 0 or more stays small. */
  private void addNegative(long value, long times) {
    if (negatives == null) {
      negatives = new HistogramQuantiles(digits, compact);
    }
    negatives.add(~value, times); // cannot overflow: the negatives' count is at most this count
  }

  /** How many of the values are 0 or more. */
  private long nonNegativeCount() {
    return negatives == null ? count : count - negatives.count;
  }

  /** {@return the number of significant decimal digits} */
  public int significantDigits() {
    return digits;
  }

  /** {@return whether the histogram is compact (packed) rather than array-backed} */
  public boolean isCompact() {
    return compact;
  }

  /**
   * The bound below which values of 0 or more are kept exactly: 2048 for 3 digits. Negative values
   * from {@code -exactBelow()} are kept exactly too.
   *
   * @return the bound below which values of 0 or more are kept exactly: 2048 for 3 digits
   */
  public long exactBelow() {
    return exactBelow(digits);
  }

  /**
   * The bound on the relative error of a reported quantile: a quantile of true value {@code t} is
   * reported as {@code r} with {@code t <= r <= t + relativeError() · |t|}.
   *
   * @return the bound on the relative error of a reported quantile: 1/1024 for 3 digits, always
   *     below {@code 10^-digits}
   */
  public double relativeError() {
    return 2.0 / exactBelow(digits);
  }

  private static long exactBelow(int digits) {
    long twice = 2 * (long) Math.pow(10, digits);
    return Long.highestOneBit(twice - 1) << 1; // HdrHistogram's sub-bucket count
  }

  @Override
  public HistogramQuantiles merge(HistogramQuantiles other) {
    if (other.digits != digits) {
      throw new IllegalArgumentException("cannot merge a histogram of " + other.digits
          + " significant digits into one of " + digits + "; both must have the same precision");
    }
    if (other.count == 0) {
      return this;
    }
    long n = Math.addExact(count, other.count);
    if (other.nonNegativeCount() > 0) {
      if (other.histogram == null) {
        long[] pairs = other.read; // read before live(), which drops this.read when other is this
        AbstractHistogram into = live();
        for (int i = 0; i < pairs.length; i += 2) {
          into.recordValueWithCount(pairs[i], pairs[i + 1]);
        }
      } else {
        live().add(other == this ? other.histogram.copy() : other.histogram);
      }
    }
    if (other.negatives != null) {
      if (negatives == null) {
        negatives = new HistogramQuantiles(digits, compact);
      }
      negatives.merge(other.negatives);
    }
    count = n;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    return this;
  }

  @Override
  public QuantileResult result() {
    long[] buckets = buckets();
    long[] negativeBuckets = negatives == null ? new long[0] : negatives.buckets();
    int kn = negativeBuckets.length / 2;
    int k = kn + buckets.length / 2;
    long[] values = new long[k];
    long[] cumulative = new long[k];
    long running = 0;
    // a bucket of -v - 1 from lo up holds the values from ~lo down: the most negative bucket is the
    // last, and ~lo is its highest value, the one reported, as for values of 0 or more
    for (int i = 0; i < kn; i++) {
      int from = 2 * (kn - 1 - i);
      values[i] = ~negativeBuckets[from];
      running += negativeBuckets[from + 1];
      cumulative[i] = running;
    }
    AbstractHistogram shape = shape();
    for (int i = kn; i < k; i++) {
      values[i] = shape.highestEquivalentValue(buckets[2 * (i - kn)]);
      running += buckets[2 * (i - kn) + 1];
      cumulative[i] = running;
    }
    long smallest = negatives == null ? min : ~negatives.max;
    long largest = nonNegativeCount() > 0 || negatives == null ? max : ~negatives.min;
    return new QuantileResult(count, smallest, largest, values, cumulative, relativeError());
  }

  /**
   * Non-empty buckets of the values of 0 or more as pairs: lowest value of the bucket, count;
   * walked from min to max. Not to be changed.
   */
  private long[] buckets() {
    if (read != null) {
      return read;
    }
    long nonNegative = nonNegativeCount();
    if (nonNegative == 0) {
      return new long[0];
    }
    long[] out = new long[16];
    int n = 0;
    long seen = 0;
    long v = histogram.lowestEquivalentValue(min);
    while (seen < nonNegative) {
      long c = histogram.getCountAtValue(v);
      if (c != 0) {
        if (n + 2 > out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = v;
        out[n++] = c;
        seen += c;
      }
      v = histogram.nextNonEquivalentValue(v);
    }
    return Arrays.copyOf(out, n);
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public HistogramQuantiles fresh() {
    return new HistogramQuantiles(digits, compact);
  }

  @Override
  public HistogramQuantiles copy() {
    HistogramQuantiles copy = new HistogramQuantiles(digits, compact, read);
    copy.histogram = histogram == null ? null : histogram.copy();
    copy.count = count;
    copy.min = min;
    copy.max = max;
    copy.negatives = negatives == null ? null : negatives.copy();
    return copy;
  }

  @Override
  public byte[] toBytes() {
    Format.Writer out = Format.writer(Format.Tag.HISTOGRAM_QUANTILES).writeByte(digits).writeByte(compact ? 1 : 0);
    writeBucketSet(out);
    if (negatives != null) {
      negatives.writeBucketSet(out);
    }
    return out.toByteArray();
  }

  /** The values of 0 or more: their bucket count, and unless it is 0, min, max and the buckets. */
  private void writeBucketSet(Format.Writer out) {
    long[] buckets = buckets();
    out.writeVarLong(buckets.length / 2);
    if (buckets.length > 0) {
      out.writeVarLong(min).writeVarLong(max);
      long previous = 0;
      for (int i = 0; i < buckets.length; i += 2) {
        out.writeVarLong(buckets[i] - previous).writeVarLong(buckets[i + 1]);
        previous = buckets[i];
      }
    }
  }

  /**
   * Reads the byte form of a {@link HistogramQuantiles}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a HistogramQuantiles of format version 2 (with a
   *     matching checksum) or 1 (which has no negative values' bucket set: its writers took no negative value)
   */
  public static HistogramQuantiles fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.HISTOGRAM_QUANTILES);
    int digits = in.readByte("significant digits");
    if (digits < 1 || digits > 5) {
      throw in.invalid("significant digits " + digits + "; expected 1 to 5");
    }
    int layout = in.readByte("layout");
    if (layout > 1) {
      throw in.invalid("layout " + layout + "; expected 0 (array-backed) or 1 (compact)");
    }
    HistogramQuantiles h = readBucketSet(in, digits, layout == 1, VALUES);
    if (in.optionalFieldFollows()) {
      int at = in.position();
      HistogramQuantiles negatives = readBucketSet(in, digits, layout == 1, NEGATIVES);
      if (negatives.count == 0) {
        throw in.invalid(NEGATIVES.size() + " at offset " + at + " is 0; expected them left out when no value is"
            + " negative");
      }
      try {
        h.count = Math.addExact(h.count, negatives.count);
      } catch (ArithmeticException e) {
        throw in.invalid("bucket counts overflow a long");
      }
      h.negatives = negatives;
    }
    in.end();
    return h;
  }

  /** Reads a bucket set (count, min, max, buckets) into a histogram that holds it as read. */
  private static HistogramQuantiles readBucketSet(Format.Reader in, int digits, boolean compact, Fields fields) {
    AbstractHistogram shape = SHAPES[digits];
    String section = fields.prefix();
    int buckets = in.readSize(fields.size(), 2);
    long[] pairs = new long[2 * buckets]; // at most 8 bytes for each byte read, as the size check ensures
    HistogramQuantiles h = new HistogramQuantiles(digits, compact, pairs);
    if (buckets > 0) {
      h.min = nonNegative(in, in.readVarLong(fields.min()), fields.min());
      h.max = nonNegative(in, in.readVarLong(fields.max()), fields.max());
      if (h.min > h.max) {
        throw in.invalid(section + "min " + h.min + " is greater than max " + h.max);
      }
      long value = 0;
      long first = 0;
      for (int i = 0; i < buckets; i++) {
        long delta = in.index(i).readVarLong(fields.value());
        long c = in.readVarLong(fields.count());
        if (i > 0 && delta == 0 || delta < 0 || value + delta < value) {
          throw in.invalid(section + "bucket " + i + " does not follow bucket " + (i - 1)
              + "; expected ascending values");
        }
        value += delta;
        if (c <= 0) {
          throw in.invalid(section + "bucket " + i + " has count " + Long.toUnsignedString(c)
              + "; expected a count >= 1");
        }
        if (value > h.max) {
          throw in.invalid(section + "bucket " + i + " at " + value + " is above max " + h.max);
        }
        if (shape.lowestEquivalentValue(value) != value) {
          throw in.invalid(section + "bucket " + i + " value " + value + " is not the lowest value of its bucket "
              + shape.lowestEquivalentValue(value) + " at " + digits + " digits");
        }
        try {
          h.count = Math.addExact(h.count, c);
        } catch (ArithmeticException e) {
          throw in.invalid("bucket counts overflow a long");
        }
        pairs[2 * i] = value;
        pairs[2 * i + 1] = c;
        if (i == 0) {
          first = value;
        }
      }
      if (shape.lowestEquivalentValue(h.min) != first || shape.lowestEquivalentValue(h.max) != value) {
        throw in.invalid(section + "min " + h.min + " or max " + h.max
            + " is not in the first or last bucket");
      }
    }
    return h;
  }

  private static long nonNegative(Format.Reader in, long v, String field) {
    if (v < 0) {
      throw in.invalid(field + " " + Long.toUnsignedString(v) + " does not fit in a non-negative long");
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HistogramQuantiles other)) {
      return false;
    }
    return other.digits == digits && other.compact == compact && other.count == count && other.min == min && other.max == max
        && Arrays.equals(other.buckets(), buckets()) && Objects.equals(other.negatives, negatives);
  }

  @Override
  public int hashCode() {
    return (((digits * 31 + Long.hashCode(count)) * 31 + Long.hashCode(min)) * 31 + Long.hashCode(max)) * 31
        + Objects.hashCode(negatives);
  }

  @Override
  public String toString() {
    return "HistogramQuantiles{digits=" + digits + (compact ? ", compact, " : ", ") + result() + "}";
  }
}
