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

  /** Whether adding {@code x} keeps the running sum finite. */
  boolean canAdd(double x) {
    return Double.isFinite(sum + x);
  }

  void add(double x) {
    double t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }

  /** Whether merging {@code other} keeps the running sum finite. */
  boolean canMerge(CompensatedSum other) {
    return Double.isFinite(sum + other.sum) && Double.isFinite(compensation + other.compensation);
  }

  void merge(CompensatedSum other) {
    double a = sum;
    double b = other.sum;
    double t = a + b;
    // the same expression whichever side is larger, and compensations added first: commutative bit for bit
    double error = Math.abs(a) >= Math.abs(b) ? (a - t) + b : (b - t) + a;
    compensation = error + (compensation + other.compensation);
    sum = t;
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
    return s;
  }

  boolean sameAs(CompensatedSum o) {
    return Double.compare(sum, o.sum) == 0 && Double.compare(compensation, o.compensation) == 0;
  }

  int hash() {
    return Double.hashCode(sum) * 31 + Double.hashCode(compensation);
  }
}
