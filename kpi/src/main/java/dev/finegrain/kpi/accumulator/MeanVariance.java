package dev.finegrain.kpi.accumulator;

import java.util.OptionalDouble;

/**
 * Count, mean and sample variance of finite {@code double} values, by Welford's update and Chan's
 * merge of (count, mean, M2) — numerically stable, and never an average of averages. This is what
 * an A/B test's Welch t-test reads from each arm: {@code count}, {@code mean} and {@code variance}.
 *
 * <p>Splitting the data and merging in any order agrees with one pass to within floating-point
 * rounding: the property tests hold the mean to {@code 1e-9 · max(1, max|x|)} and the variance to
 * {@code 1e-9 · max(1, max x²)} for up to 200 values. Merging is exactly commutative (the two
 * states are put in a canonical order before Chan's formula).
 *
 * <p>Non-finite values are rejected; an update whose M2 would overflow (values beyond about
 * {@code 1e150}) throws {@link ArithmeticException} and leaves the accumulator unchanged.
 *
 * <p>Byte form (tag 4): count (8-byte long), mean and M2 (8-byte doubles).
 *
 * @since 0.1
 */
public final class MeanVariance implements Accumulator<MeanVariance, MeanVariance.Result> {
  private long count;
  private double mean;
  private double m2;

  private MeanVariance() {}

  /** {@return an empty accumulator} */
  public static MeanVariance create() {
    return new MeanVariance();
  }

  /** The state Welford's updates reach after {@code count} values with this mean and M2. */
  static MeanVariance of(long count, double mean, double m2) {
    MeanVariance s = new MeanVariance();
    s.count = count;
    s.mean = mean;
    s.m2 = m2;
    return s;
  }

  /**
   * Adds {@code value}.
   *
   * @param value the value to add
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   * @throws ArithmeticException if the sum of squared deviations would overflow
   */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: " + value + " is not a finite number");
    }
    long n = count + 1;
    double delta = value - mean;
    double newMean = mean + delta / n;
    double newM2 = m2 + delta * (value - newMean);
    if (!Double.isFinite(newMean) || !Double.isFinite(newM2)) {
      throw new ArithmeticException("variance overflow adding " + value + " to " + this);
    }
    count = n;
    mean = newMean;
    m2 = newM2;
  }

  @Override
  public MeanVariance merge(MeanVariance other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      count = other.count;
      mean = other.mean;
      m2 = other.m2;
      return this;
    }
    MeanVariance a = this;
    MeanVariance b = other;
    if (compareState(a, b) > 0) {
      a = other;
      b = this;
    }
    long n = Math.addExact(a.count, b.count);
    double delta = b.mean - a.mean;
    double newMean = a.mean + delta * ((double) b.count / n);
    double newM2 = a.m2 + b.m2 + delta * delta * ((double) a.count * b.count / n);
    if (!Double.isFinite(newMean) || !Double.isFinite(newM2)) {
      throw new ArithmeticException("variance overflow merging " + other + " into " + this);
    }
    count = n;
    mean = newMean;
    m2 = newM2;
    return this;
  }

  private static int compareState(MeanVariance a, MeanVariance b) {
    int c = Long.compare(a.count, b.count);
    if (c == 0) {
      c = Double.compare(a.mean, b.mean);
    }
    return c != 0 ? c : Double.compare(a.m2, b.m2);
  }

  @Override
  public Result result() {
    return new Result(count,
        count == 0 ? OptionalDouble.empty() : OptionalDouble.of(mean),
        count < 2 ? OptionalDouble.empty() : OptionalDouble.of(m2 / (count - 1)));
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public MeanVariance fresh() {
    return new MeanVariance();
  }

  @Override
  public MeanVariance copy() {
    return of(count, mean, m2);
  }

  @Override
  public byte[] toBytes() {
    return Format.writer(Format.Tag.MEAN_VARIANCE).writeLong(count).writeDouble(mean).writeDouble(m2).toByteArray();
  }

  /**
   * Reads the byte form of a {@link MeanVariance}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a MeanVariance of format version 2 (with a matching checksum) or 1
   */
  public static MeanVariance fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.MEAN_VARIANCE);
    long count = in.readCount("count");
    double mean = in.readFiniteDouble("mean");
    double m2 = in.readFiniteDouble("M2");
    in.end();
    if (m2 < 0) {
      throw in.invalid("M2 is " + m2 + "; expected a sum of squared deviations >= 0");
    }
    if (count == 0 && (mean != 0 || m2 != 0) || count == 1 && m2 != 0) {
      throw in.invalid("count " + count + " with mean " + mean + " and M2 " + m2
          + "; expected mean 0 when empty and M2 0 for fewer than 2 values");
    }
    return of(count, mean, m2);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MeanVariance other)) {
      return false;
    }
    return other.count == count && Double.compare(other.mean, mean) == 0 && Double.compare(other.m2, m2) == 0;
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(count) * 31 + Double.hashCode(mean)) * 31 + Double.hashCode(m2);
  }

  @Override
  public String toString() {
    Result r = result();
    return "MeanVariance{count=" + count + ", mean=" + (count == 0 ? "empty" : mean)
        + ", variance=" + (count < 2 ? "empty" : r.variance().getAsDouble()) + "}";
  }

  /**
   * Count, mean and sample variance.
   *
   * @param count how many values were added
   * @param mean their mean; empty when there are none
   * @param variance their sample variance, with the {@code n - 1} denominator; empty for fewer
   *     than two values, for which it is undefined
   *
   * @since 0.1
   */
  public record Result(long count, OptionalDouble mean, OptionalDouble variance) {
    /** {@return the sample standard deviation, empty for fewer than two values} */
    public OptionalDouble standardDeviation() {
      return variance.isPresent() ? OptionalDouble.of(Math.sqrt(variance.getAsDouble())) : OptionalDouble.empty();
    }

    /** {@return the standard error of the mean, {@code sqrt(variance / count)}; empty for fewer than two values} */
    public OptionalDouble standardError() {
      return variance.isPresent()
          ? OptionalDouble.of(Math.sqrt(variance.getAsDouble() / count)) : OptionalDouble.empty();
    }
  }
}
