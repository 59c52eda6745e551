package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.LongSum;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The whole sum and whole ratio kernels, fed records at both ends of the long range and absent
 * ones, split in two engines' kernels at any point and merged (kernel merge and partial merge):
 * each group's state is its exact 128-bit sum, and it reads as a number exactly when that fits.
 */
class WholeSumKernelProperties {
  private static final int N = 40;
  private static final int GROUPS = 4;

  private static final class Engine {
    final Slot slot = new Slot("x", FieldType.LONG, true, null);
    final Kernels.Tally tally = new Kernels.Tally();
    final Kernels.LongSumKernel sum = (Kernels.LongSumKernel) Kernels.longSum(slot, tally);
    final Kernels.Side num = new Kernels.Side(slot);
    final Kernels.Side den = new Kernels.Side(slot);
    final Kernels.LongRatioKernel ratio = (Kernels.LongRatioKernel) Kernels.longRatio(num, den);

    void add(long[] v, int[] gid, boolean[] pass, boolean[] numPass, int from, int to) {
      int n = to - from;
      slot.longs = v;
      slot.offset = from;
      int[] g = Arrays.copyOfRange(gid, from, to);
      boolean[] p = Arrays.copyOfRange(pass, from, to);
      num.pass = Arrays.copyOfRange(numPass, from, to);
      den.pass = null;
      tally.reserve(GROUPS);
      tally.add(n, g, p);
      sum.reserve(GROUPS);
      sum.add(n, g, p);
      ratio.reserve(GROUPS);
      ratio.add(n, g, p);
    }
  }

  @Test
  void wholeSumsAndRatiosSplitAnywhereHoldTheirExactSums() {
    Gen<Long> value = oneOf(longs(Long.MAX_VALUE - 3, Long.MAX_VALUE), longs(Long.MIN_VALUE + 1, Long.MIN_VALUE + 4),
        longs(-5, 5), pick(ColumnBatch.ABSENT));
    qt().forAll(lists(value, N, N), lists(ints(-1, GROUPS - 1), N, N), lists(ints(0, 3), N, N), ints(0, N))
        .checkAssert((values, gids, bits, cut) -> {
          long[] v = values.stream().mapToLong(Long::longValue).toArray();
          int[] gid = gids.stream().mapToInt(Integer::intValue).toArray();
          boolean[] pass = new boolean[N];
          boolean[] numPass = new boolean[N];
          for (int i = 0; i < N; i++) {
            pass[i] = (bits.get(i) & 1) != 0 || bits.get(i) == 2;
            numPass[i] = (bits.get(i) & 2) != 0;
          }
          Engine a = new Engine();
          Engine b = new Engine();
          a.add(v, gid, pass, numPass, 0, cut);
          b.add(v, gid, pass, numPass, cut, N);
          int[] map = {0, 1, 2, 3};
          Kernels.Partial[] sumPartials = new Kernels.Partial[GROUPS];
          Kernels.Partial[] ratioPartials = new Kernels.Partial[GROUPS];
          for (int g = 0; g < GROUPS; g++) {
            sumPartials[g] = a.sum.partial(g).copy();
            sumPartials[g].merge(b.sum.partial(g));
            ratioPartials[g] = a.ratio.partial(g).copy();
            ratioPartials[g].merge(b.ratio.partial(g));
          }
          a.tally.reserve(GROUPS);
          a.tally.merge(b.tally, map);
          a.sum.reserve(GROUPS);
          a.sum.merge(b.sum, map);
          a.ratio.reserve(GROUPS);
          a.ratio.merge(b.ratio, map);
          for (int g = 0; g < GROUPS; g++) {
            BigInteger s = BigInteger.ZERO;
            BigInteger n = BigInteger.ZERO;
            BigInteger d = BigInteger.ZERO;
            long count = 0;
            long records = 0;
            for (int i = 0; i < N; i++) {
              if (gid[i] == g && pass[i]) {
                records++;
                if (v[i] != ColumnBatch.ABSENT) {
                  count++;
                  s = s.add(BigInteger.valueOf(v[i]));
                  d = d.add(BigInteger.valueOf(v[i]));
                  if (numPass[i]) {
                    n = n.add(BigInteger.valueOf(v[i]));
                  }
                }
              }
            }
            String where = "group " + g + " of " + values + " " + gids + " " + bits + " cut " + cut;
            assertEquals(s.longValue(), a.sum.sums[g], where);
            assertEquals(s.shiftRight(64).longValue(), a.sum.high(g), where);
            int gg = g;
            if (s.bitLength() <= 63) {
              assertEquals(new LongSum.Result(count, s.longValueExact()), a.sum.result(g).result(), where);
              assertEquals(Summary.of(count, java.util.OptionalDouble.of(s.longValueExact())),
                  sumPartials[g].summary(Double.NaN), where);
            } else {
              assertThrows(ArithmeticException.class, () -> a.sum.result(gg), where);
              assertThrows(ArithmeticException.class, () -> sumPartials[gg].summary(Double.NaN), where);
            }
            if (n.bitLength() <= 63 && d.bitLength() <= 63) {
              // the accumulator counts every record added; the cell, merged by kernel or by partial,
              // rests on the records its denominator (a sum) counts: those with a value
              assertEquals(new LongRatio.Result(records, n.longValueExact(), d.longValueExact()),
                  a.ratio.result(g).result(), where);
              assertEquals(Summary.ratio(count, n.longValueExact(), d.longValueExact()),
                  a.ratio.summary(g, Double.NaN), where);
              assertEquals(Summary.ratio(count, n.longValueExact(), d.longValueExact()),
                  ratioPartials[g].summary(Double.NaN), where);
            } else {
              assertThrows(ArithmeticException.class, () -> a.ratio.result(gg), where);
              assertThrows(ArithmeticException.class, () -> ratioPartials[gg].summary(Double.NaN), where);
            }
          }
        });
  }
}
