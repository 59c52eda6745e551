package dev.finegrain.kpi.accumulator;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Quantiles of non-negative {@code long} values (delays in hours, response times in
 * milliseconds) in bounded memory, from an HdrHistogram with a configurable number of significant
 * decimal digits (1 to 5; default 3).
 *
 * <p><b>Error.</b> With {@code d} digits, values below {@link #exactBelow()} (2048 for 3 digits)
 * are kept exactly, and a larger value shares its bucket only with values within a relative
 * {@link #relativeError()} of it ({@code 1/1024 ≈ 0.098%} for 3 digits; always below
 * {@code 10^-d}). A reported quantile is never below the true nearest-rank value and at most that
 * relative error above it; min and max are exact. See {@link QuantileResult} for the semantics.
 *
 * <p><b>Merging is exact</b>: bucket counts add, so any split and merge order gives the same
 * histogram, and the same quantiles, as one pass. Both sides must have the same number of digits;
 * a compact and an array-backed histogram merge, keeping the layout of the one merged into.
 *
 * <p><b>Memory and speed.</b> The default ({@link #create()}) is HdrHistogram's array-backed
 * {@code Histogram}: fastest to add to (an index computation and an array increment per value),
 * but it grows to cover the largest value — about 17 KB empty, 90 KB up to a million and 440 KB
 * up to {@code Long.MAX_VALUE} at 3 digits. For many groups (a histogram per seller per day),
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
 * <p>Byte form (tag 8): digits (1 byte), layout (1 byte: 0 array-backed, 1 compact), the number of
 * non-empty buckets (varint), and if it is not
 * 0: min and max (varints), then per bucket in ascending order the delta of its lowest value from
 * the previous bucket's (the first: from 0) and its count (varints). The form is canonical and
 * independent of HdrHistogram's own encoding.
 *
 * @since 0.1
 */
public final class HistogramQuantiles implements Accumulator<HistogramQuantiles, QuantileResult> {
  /** The default precision: 3 significant digits. */
  public static final int DEFAULT_DIGITS = 3;

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
  private long count;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

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
   * @param value the value to add
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public void add(long value) {
    add(value, 1);
  }

  /**
   * Adds {@code value} {@code times} times (for pre-counted data).
   *
   * @param value the value to add
   * @param times how many times it is added, at least 0
   * @throws IllegalArgumentException if {@code value} or {@code times} is negative
   * @throws ArithmeticException if the count would overflow a long
   */
  public void add(long value, long times) {
    if (value < 0) {
      throw new IllegalArgumentException("value: " + value + " is negative; a quantile histogram takes values >= 0");
    }
    if (times <= 0) {
      if (times == 0) {
        return;
      }
      throw new IllegalArgumentException("times: " + times + " is negative");
    }
    long n = Math.addExact(count, times);
    live().recordValueWithCount(value, times);
    count = n;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
  }

  /** {@return the number of significant decimal digits} */
  public int significantDigits() {
    return digits;
  }

  /** {@return whether the histogram is compact (packed) rather than array-backed} */
  public boolean isCompact() {
    return compact;
  }

  /** {@return the bound below which values are recorded exactly: 2048 for 3 digits} */
  public long exactBelow() {
    return exactBelow(digits);
  }

  /** {@return the bound on the relative error of a reported quantile: 1/1024 for 3 digits} */
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
    if (other.histogram == null) {
      long[] pairs = other.read; // read before live(), which drops this.read when other is this
      AbstractHistogram into = live();
      for (int i = 0; i < pairs.length; i += 2) {
        into.recordValueWithCount(pairs[i], pairs[i + 1]);
      }
    } else {
      live().add(other == this ? other.histogram.copy() : other.histogram);
    }
    count = n;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    return this;
  }

  @Override
  public QuantileResult result() {
    long[] buckets = buckets();
    int k = buckets.length / 2;
    long[] values = new long[k];
    long[] cumulative = new long[k];
    long running = 0;
    AbstractHistogram shape = shape();
    for (int i = 0; i < k; i++) {
      values[i] = shape.highestEquivalentValue(buckets[2 * i]);
      running += buckets[2 * i + 1];
      cumulative[i] = running;
    }
    return new QuantileResult(count, min, max, values, cumulative, relativeError());
  }

  /** Non-empty buckets as pairs: lowest value of the bucket, count; walked from min to max. Not to be changed. */
  private long[] buckets() {
    if (read != null) {
      return read;
    }
    if (count == 0) {
      return new long[0];
    }
    long[] out = new long[16];
    int n = 0;
    long seen = 0;
    long v = histogram.lowestEquivalentValue(min);
    while (seen < count) {
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
    return copy;
  }

  @Override
  public byte[] toBytes() {
    long[] buckets = buckets();
    Format.Writer out = Format.writer(Format.Tag.HISTOGRAM_QUANTILES).writeByte(digits).writeByte(compact ? 1 : 0)
        .writeVarLong(buckets.length / 2);
    if (count > 0) {
      out.writeVarLong(min).writeVarLong(max);
      long previous = 0;
      for (int i = 0; i < buckets.length; i += 2) {
        out.writeVarLong(buckets[i] - previous).writeVarLong(buckets[i + 1]);
        previous = buckets[i];
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads the byte form of a {@link HistogramQuantiles}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a HistogramQuantiles of format version 2 (with a matching checksum) or 1
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
    AbstractHistogram shape = SHAPES[digits];
    int buckets = in.readSize("bucket count", 2);
    long[] pairs = new long[2 * buckets]; // at most 8 bytes for each byte read, as the size check ensures
    HistogramQuantiles h = new HistogramQuantiles(digits, layout == 1, pairs);
    if (buckets > 0) {
      h.min = nonNegative(in, in.readVarLong("min"), "min");
      h.max = nonNegative(in, in.readVarLong("max"), "max");
      if (h.min > h.max) {
        throw in.invalid("min " + h.min + " is greater than max " + h.max);
      }
      long value = 0;
      long first = 0;
      for (int i = 0; i < buckets; i++) {
        long delta = in.index(i).readVarLong("bucket # value");
        long c = in.readVarLong("bucket # count");
        if (i > 0 && delta == 0 || delta < 0 || value + delta < value) {
          throw in.invalid("bucket " + i + " does not follow bucket " + (i - 1) + "; expected ascending values");
        }
        value += delta;
        if (c <= 0) {
          throw in.invalid("bucket " + i + " has count " + Long.toUnsignedString(c) + "; expected a count >= 1");
        }
        if (value > h.max) {
          throw in.invalid("bucket " + i + " at " + value + " is above max " + h.max);
        }
        if (shape.lowestEquivalentValue(value) != value) {
          throw in.invalid("bucket " + i + " value " + value + " is not the lowest value of its bucket "
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
        throw in.invalid("min " + h.min + " or max " + h.max + " is not in the first or last bucket");
      }
    }
    in.end();
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
        && Arrays.equals(other.buckets(), buckets());
  }

  @Override
  public int hashCode() {
    return ((digits * 31 + Long.hashCode(count)) * 31 + Long.hashCode(min)) * 31 + Long.hashCode(max);
  }

  @Override
  public String toString() {
    return "HistogramQuantiles{digits=" + digits + (compact ? ", compact, " : ", ") + result() + "}";
  }
}
