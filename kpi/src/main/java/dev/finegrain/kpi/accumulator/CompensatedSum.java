package dev.finegrain.kpi.accumulator;

/**
 * A {@code double} sum with Neumaier's running compensation: the rounding error of each addition
 * is kept in {@code compensation}, so the total {@code sum + compensation} is accurate to a few
 * ulps of the true sum regardless of order in practice. Merging is written symmetrically, so
 * {@code a.merge(b)} and {@code b.merge(a)} give bit-identical states.
 */
final class CompensatedSum {
  double sum;
  double compensation;

  CompensatedSum copy() {
    CompensatedSum copy = new CompensatedSum();
    copy.sum = sum;
    copy.compensation = compensation;
    return copy;
  }

  /**
   * Whether adding {@code x} keeps the running sum, its compensation and their total finite (near
   * {@code Double.MAX_VALUE} the compensation can carry the total past it where the sum alone stays).
   */
  boolean canAdd(double x) {
    double t = sum + x;
    double c = compensation + error(sum, x, t);
    return Double.isFinite(t) && Double.isFinite(c) && Double.isFinite(t + c);
  }

  void add(double x) {
    double t = sum + x;
    compensation += error(sum, x, t);
    sum = t;
  }

  /** Whether merging {@code other} keeps the running sum, its compensation and their total finite. */
  boolean canMerge(CompensatedSum other) {
    double t = sum + other.sum;
    double c = error(sum, other.sum, t) + (compensation + other.compensation);
    return Double.isFinite(t) && Double.isFinite(c) && Double.isFinite(t + c);
  }

  void merge(CompensatedSum other) {
    double t = sum + other.sum;
    // the same expression whichever side is larger, and compensations added first: commutative bit for bit
    compensation = error(sum, other.sum, t) + (compensation + other.compensation);
    sum = t;
  }

  /** The rounding error of {@code t = a + b}, the same whichever of the two is larger (Neumaier). */
  private static double error(double a, double b, double t) {
    return Math.abs(a) >= Math.abs(b) ? (a - t) + b : (b - t) + a;
  }

  /** The compensated total; -0.0 is reported as 0.0. */
  double total() {
    return sum + compensation + 0.0;
  }

  void write(Format.Writer out) {
    out.writeDouble(sum).writeDouble(compensation);
  }

  static CompensatedSum read(Format.Reader in, String field) {
    CompensatedSum s = new CompensatedSum();
    s.sum = in.readFiniteDouble(field + " sum");
    s.compensation = in.readFiniteDouble(field + " compensation");
    if (!Double.isFinite(s.total())) {
      throw in.invalid(field + " sum and compensation " + s.sum + " + " + s.compensation
          + " add up past the largest double; expected a finite total");
    }
    return s;
  }

  boolean sameAs(CompensatedSum o) {
    return Double.compare(sum, o.sum) == 0 && Double.compare(compensation, o.compensation) == 0;
  }

  int hash() {
    return Double.hashCode(sum) * 31 + Double.hashCode(compensation);
  }
}
