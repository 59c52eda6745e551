package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.kpi.accumulator.Count;
import dev.finegrain.kpi.accumulator.ExactQuantiles;
import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.LongSum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The engine's fast paths give what the plain ones would: primitive kernels the accumulators fed
 * value by value, the direct group table the ids of a hash table (first appearance order).
 */
class EngineInternalsProperties {
  /** Values of a field by record, ABSENT among them, with group ids (-1: not aggregated) and a filter. */
  record Block(long[] values, int[] gid, boolean[] pass) {
    @Override
    public String toString() {
      return "Block[values=" + Arrays.toString(values) + ", gid=" + Arrays.toString(gid) + ", pass="
          + Arrays.toString(pass) + "]";
    }
  }

  static Gen<List<Block>> blocks() {
    Gen<Long> value = oneOf(longs(-5, 120), longs(-1_000_000, 1_000_000), pick(ColumnBatch.ABSENT));
    // group ids up to 150: past the quantile kernel's first pages of 64 groups
    Gen<Integer> gids = oneOf(ints(-1, 40), ints(-1, 150));
    Gen<Boolean> passes = pick(true, true, false);
    Gen<Integer> sizes = ints(0, 300);
    Gen<Block> block = in -> {
      int n = sizes.generate(in);
      long[] values = new long[n];
      int[] gid = new int[n];
      boolean[] pass = new boolean[n];
      for (int i = 0; i < n; i++) {
        values[i] = value.generate(in);
        gid[i] = gids.generate(in);
        pass[i] = passes.generate(in);
      }
      return new Block(values, gid, pass);
    };
    return lists(block, 5);
  }

  @Test
  void primitiveKernelsEqualAccumulatorsFedValueByValue() {
    qt().forAll(blocks(), booleans(), ints(0, 3)).checkAssert((blocks, filtered, shares) -> {
      Slot slot = new Slot("x", FieldType.LONG, true, null);
      Kernels.Tally tally = new Kernels.Tally();
      Kernels.Kernel<Count> count = Kernels.count(tally);
      Kernels.Kernel<LongSum> sum = Kernels.longSum(slot, tally);
      // shares of counts over three masks (the tally's two-mask loop and its loop for further masks)
      boolean[] passMask = new boolean[300];
      boolean[] oddMask = new boolean[300];
      boolean[] positiveMask = new boolean[300];
      // 0 to 3 shares register 0 to 3 masks: each of the tally's loops
      Kernels.Kernel<LongRatio> passShare = shares >= 1 ? Kernels.share(tally, passMask, null) : null;
      Kernels.Kernel<LongRatio> oddOfPassing = shares >= 2 ? Kernels.share(tally, oddMask, passMask) : null;
      Kernels.Kernel<LongRatio> allOfPositive = shares >= 3 ? Kernels.share(tally, null, positiveMask) : null;
      assertEquals(shares, tally.masks.length, "masks the tally counts");
      Kernels.Kernel<ExactQuantiles> quantiles = Kernels.exactQuantiles(slot, tally);
      Kernels.Side numerator = new Kernels.Side(slot);
      Kernels.Side denominator = new Kernels.Side(null);
      Kernels.Kernel<LongRatio> ratio = Kernels.longRatio(numerator, denominator);
      Map<Integer, Object[]> expected = new HashMap<>();
      for (Block b : blocks) {
        slot.longs = b.values();
        slot.offset = 0;
        boolean[] pass = filtered ? b.pass() : null;
        numerator.pass = b.pass();
        int groups = 0;
        for (int g : b.gid()) {
          groups = Math.max(groups, g + 1);
        }
        int n = b.values().length;
        for (int i = 0; i < n; i++) {
          passMask[i] = b.pass()[i];
          oddMask[i] = (b.values()[i] & 1) != 0;
          positiveMask[i] = b.values()[i] > 0;
        }
        tally.reserve(groups);
        tally.add(n, b.gid(), pass);
        List<Kernels.Kernel<?>> kernels = new ArrayList<>(List.of(count, sum, quantiles, ratio));
        for (Kernels.Kernel<?> share : java.util.Arrays.asList(passShare, oddOfPassing, allOfPositive)) {
          if (share != null) {
            kernels.add(share);
          }
        }
        for (Kernels.Kernel<?> k : kernels) {
          k.reserve(groups);
          k.add(b.values().length, b.gid(), pass);
        }
        for (int i = 0; i < b.values().length; i++) {
          int g = b.gid()[i];
          if (g < 0 || pass != null && !pass[i]) {
            continue;
          }
          Object[] accs = expected.computeIfAbsent(g, x -> new Object[] {Count.create(), LongSum.create(),
              ExactQuantiles.create(), LongRatio.create(), LongRatio.create(), LongRatio.create(),
              LongRatio.create()});
          long x = b.values()[i];
          ((Count) accs[0]).add();
          if (x != ColumnBatch.ABSENT) {
            ((LongSum) accs[1]).add(x);
            ((ExactQuantiles) accs[2]).add(x);
          }
          ((LongRatio) accs[3]).add(b.pass()[i] && x != ColumnBatch.ABSENT ? x : 0, 1);
          ((LongRatio) accs[4]).add(b.pass()[i] ? 1 : 0, 1);
          ((LongRatio) accs[5]).add((x & 1) != 0 ? 1 : 0, b.pass()[i] ? 1 : 0);
          ((LongRatio) accs[6]).add(1, x > 0 ? 1 : 0);
        }
      }
      for (int g = 0; g <= 150; g++) {
        Object[] accs = expected.getOrDefault(g, new Object[] {Count.create(), LongSum.create(),
            ExactQuantiles.create(), LongRatio.create(), LongRatio.create(), LongRatio.create(),
            LongRatio.create()});
        assertEquals(accs[0], count.result(g), "count of group " + g);
        assertEquals(accs[1], sum.result(g), "sum of group " + g);
        assertEquals(accs[2], quantiles.result(g), "quantiles of group " + g);
        for (double q : new double[] {0.01, 0.5, 0.9, 1}) {
          assertEquals(Summary.of((ExactQuantiles) accs[2], q), summarized(quantiles, g, q),
              "quantile " + q + " of group " + g);
        }
        assertEquals(Summary.of((Count) accs[0], 0), summarized(count, g, 0), "count cell of group " + g);
        assertEquals(Summary.of((LongSum) accs[1], 0), summarized(sum, g, 0), "sum cell of group " + g);
        // a ratio whose denominator counts records rests on those records: its cell's sample size is
        // its denominator, not the accumulator's count of every record added
        Kernels.Kernel<?>[] ratios = {ratio, passShare, oddOfPassing, allOfPositive};
        for (int r = 0; r < ratios.length; r++) {
          if (ratios[r] != null) {
            Summary cell = countedRatio((LongRatio) accs[3 + r]);
            assertEquals(cell, summarized(ratios[r], g, 0), "ratio cell " + r + " of group " + g);
            assertEquals(cell, ratios[r].summary(g, 0), "ratio summary " + r + " of group " + g);
            assertEquals(cell, ratios[r].partial(g).summary(0), "ratio roll-up partial " + r + " of group " + g);
          }
        }
        assertEquals(accs[3], ratio.result(g), "ratio of group " + g);
        if (passShare != null) {
          assertEquals(accs[4], passShare.result(g), "share passing of group " + g);
        }
        if (oddOfPassing != null) {
          assertEquals(accs[5], oddOfPassing.result(g), "odd share of passing of group " + g);
        }
        if (allOfPositive != null) {
          assertEquals(accs[6], allOfPositive.result(g), "all over positive of group " + g);
        }
      }
    });
  }

  @Test
  void decimalKernelsGiveTheSameValuesAsCellsAccumulatorsAndRollUpPartials() {
    // absent values (NaN) among them: a sum and a mean skip them, and so does the sample of a ratio
    // whose denominator sums the field
    Gen<List<Double>> values = lists(oneOf(ExactSumsProperties.awkwardDecimals(), pick(Double.NaN)), 0, 300);
    qt().forAll(values, lists(ints(-1, 20), 300, 300)).checkAssert((decimals, gids) -> {
      int n = decimals.size();
      Slot slot = new Slot("x", FieldType.DOUBLE, false, null);
      slot.doubles = decimals.stream().mapToDouble(Double::doubleValue).toArray();
      slot.offset = 0;
      int[] gid = gids.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
      Kernels.Kernel<?> sum = Kernels.doubleSum(slot);
      Kernels.Kernel<?> mean = Kernels.mean(slot);
      Kernels.Kernel<?> ratio = Kernels.doubleRatio(new Kernels.Side(slot), new Kernels.Side(null));
      Kernels.Kernel<?> perValue = Kernels.doubleRatio(new Kernels.Side(null), new Kernels.Side(slot));
      List<List<Double>> byGroup = new ArrayList<>(); // the values, not the absent ones
      int[] records = new int[21];
      for (int g = 0; g <= 20; g++) {
        byGroup.add(new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        if (gid[i] >= 0) {
          records[gid[i]]++;
          if (!Double.isNaN(decimals.get(i))) {
            byGroup.get(gid[i]).add(decimals.get(i));
          }
        }
      }

      for (Kernels.Kernel<?> k : List.of(sum, mean, ratio, perValue)) {
        k.reserve(21);
        k.add(n, gid, null);
      }

      for (int g = 0; g <= 20; g++) {
        java.math.BigDecimal exact = ExactSumsProperties.exactSum(byGroup.get(g));
        int count = byGroup.get(g).size();
        assertEquals(ExactSumsProperties.rounded(exact), summarized(sum, g, 0).value().getAsDouble());
        assertEquals(summarized(ratio, g, 0).numerator().getAsDouble(), summarized(sum, g, 0).value().getAsDouble());
        assertEquals(count == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(ExactSumsProperties
            .rounded(exact.divide(java.math.BigDecimal.valueOf(count), new java.math.MathContext(2_000)))),
            summarized(mean, g, 0).value());
        assertEquals(summarized(sum, g, 0), Summary.of(sum.result(g), 0), "accumulator of group " + g);
        // a ratio's cell rests on the records its denominator counts: all for sum(x) / count, those
        // with a value for count / sum(x); its accumulator counts every record added
        assertEquals(records[g], summarized(ratio, g, 0).n(), "sample of sum over count, group " + g);
        assertEquals(count, summarized(perValue, g, 0).n(), "sample of count over sum, group " + g);
        for (Kernels.Kernel<?> k : List.of(ratio, perValue)) {
          Summary acc = Summary.of(k.result(g), 0);
          assertEquals(records[g], acc.n(), "accumulator count of group " + g);
          assertEquals(summarized(k, g, 0), new Summary(summarized(k, g, 0).n(), acc.value(), acc.numerator(),
              acc.denominator()), "accumulator of group " + g);
        }
        for (Kernels.Kernel<?> k : List.of(sum, ratio, perValue)) {
          assertEquals(summarized(k, g, 0), k.summary(g, 0), "summary of group " + g);
          assertEquals(summarized(k, g, 0), k.partial(g).summary(0), "roll-up partial of group " + g);
        }
        assertEquals(summarized(mean, g, 0), mean.partial(g).summary(0), "roll-up partial of group " + g);
        int group = g;
        // a mean keeps exact sums and no variance: it has no accumulator to give, and says so
        assertThrows(UnsupportedOperationException.class, () -> mean.result(group));
      }
    });
  }

  @Test
  void countingOrderSortsByMajorThenMinorThenIndex() {
    qt().forAll(ints(1, 50), ints(1, 50), lists(ints(0, Integer.MAX_VALUE - 1), 500)).checkAssert((majorRange, minorRange, seeds) -> {
      int n = seeds.size();
      int[] major = new int[n];
      int[] minor = new int[n];
      for (int i = 0; i < n; i++) {
        major[i] = seeds.get(i) % majorRange;
        minor[i] = (seeds.get(i) / majorRange) % minorRange;
      }
      int[] expected = java.util.stream.IntStream.range(0, n).boxed()
          .sorted(java.util.Comparator.<Integer>comparingInt(i -> major[i]).thenComparingInt(i -> minor[i])
              .thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).toArray();
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected,
          QueryEngine.countingOrder(major, majorRange, minor, minorRange));
    });
  }

  /** The cell of a ratio whose denominator counts records: its sample size is the denominator. */
  private static Summary countedRatio(LongRatio acc) {
    LongRatio.Result r = acc.result();
    return Summary.ratio(r.denominator(), r.numerator(), r.denominator());
  }

  /** The cell {@code kernel} writes for {@code group}, read back as a summary. */
  private static Summary summarized(Kernels.Kernel<?> kernel, int group, double q) {
    CellColumn column = CellColumn.table(1, 1)[0];
    kernel.summarize(group, q, column, 0);
    int present = column.present(0);
    return new Summary(column.n(0), column.value(0),
        (present & KpiCell.NUMERATOR) != 0 ? java.util.OptionalDouble.of(column.numerator(0))
            : java.util.OptionalDouble.empty(),
        (present & KpiCell.DENOMINATOR) != 0 ? java.util.OptionalDouble.of(column.denominator(0))
            : java.util.OptionalDouble.empty());
  }

  @Test
  void groupIdsAreTuplesInOrderOfFirstAppearanceDirectOrHashed() {
    qt().forAll(ints(0, 3), codeLimits(), lists(ints(0, 1 << 20), 400)).checkAssert((dims, codeLimit, seeds) -> {
      Groups groups = new Groups(dims);
      Map<List<Integer>, Integer> expected = new HashMap<>();
      int n = seeds.size();
      int[] windows = new int[n];
      int[][] codes = new int[dims][n];
      for (int i = 0; i < n; i++) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seeds.get(i));
        windows[i] = r.nextInt(-1, 12);
        for (int d = 0; d < dims; d++) {
          codes[d][i] = r.nextInt(-1, codeLimit);
        }
      }
      int[] gid = new int[n];
      groups.assign(n, windows, codes, new int[dims], gid);
      for (int i = 0; i < n; i++) {
        if (windows[i] < 0) {
          assertEquals(-1, gid[i]);
          continue;
        }
        List<Integer> tuple = new ArrayList<>();
        tuple.add(windows[i]);
        for (int d = 0; d < dims; d++) {
          tuple.add(codes[d][i]);
        }
        int id = expected.computeIfAbsent(tuple, t -> expected.size());
        assertEquals(id, gid[i], "record " + i + " " + tuple);
        for (int k = 0; k < tuple.size(); k++) {
          assertEquals(tuple.get(k), groups.part(id, k));
        }
      }
      assertEquals(expected.size(), groups.size());
    });
  }

  @Test
  void aTallyWithNarrowPackedCountersCountsAsOneCounterPerRecordWould() {
    // 4-bit counters hold 15 records: blocks of up to 60 records make the tally split a block and
    // flush within it or before it; masks registered after some blocks, reads between blocks and a
    // merge each find the counts flushed
    Gen<int[]> sizes = lists(ints(0, 60), 1, 8).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    qt().forAll(sizes, ints(1, 4), ints(0, 7), longs(0, Long.MAX_VALUE)).checkAssert((blockSizes, groups, lateMask, seed) -> {
      java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
      boolean filtered = rnd.nextBoolean();
      int masks = 3; // two packed beside the count, one counted on its own
      Kernels.Tally[] tallies = {new Kernels.Tally(4), new Kernels.Tally(4)};
      long[][] counts = new long[2][groups];
      long[][][] hits = new long[2][masks][groups];
      boolean[][] maskBuffers = new boolean[masks][60];
      int registered = 0;
      for (int b = 0; b < blockSizes.length; b++) {
        if (b == Math.min(lateMask, blockSizes.length - 1)) {
          // the masks become known after some blocks: only later records count for them
          for (; registered < masks; registered++) {
            assertEquals(registered, tallies[0].tally(maskBuffers[registered]));
            assertEquals(registered, tallies[1].tally(maskBuffers[registered]));
          }
        }
        int t = rnd.nextInt(2); // the tally this block goes to
        int n = blockSizes[b];
        int[] gid = new int[n];
        boolean[] pass = new boolean[n];
        for (int i = 0; i < n; i++) {
          gid[i] = rnd.nextInt(groups + 1) - 1; // -1: in no group
          pass[i] = !filtered || rnd.nextBoolean();
          for (int k = 0; k < masks; k++) {
            maskBuffers[k][i] = rnd.nextBoolean();
          }
          if (gid[i] >= 0 && pass[i]) {
            counts[t][gid[i]]++;
            for (int k = 0; k < registered; k++) {
              hits[t][k][gid[i]] += maskBuffers[k][i] ? 1 : 0;
            }
          }
        }
        tallies[t].reserve(groups);
        tallies[t].add(n, gid, filtered ? pass : null);
        if (rnd.nextInt(3) == 0) { // a read between blocks
          for (int g = 0; g < groups; g++) {
            assertEquals(counts[t][g], tallies[t].count(g), "count of group " + g + " after block " + b);
          }
        }
      }
      for (Kernels.Tally tally : tallies) {
        tally.reserve(groups);
      }
      int[] identity = new int[groups];
      Arrays.setAll(identity, g -> g);
      tallies[0].merge(tallies[1], identity);
      for (int g = 0; g < groups; g++) {
        assertEquals(counts[0][g] + counts[1][g], tallies[0].count(g), "count of group " + g);
        for (int k = 0; k < registered; k++) {
          assertEquals(hits[0][k][g] + hits[1][k][g], tallies[0].hits(k, g), "hits of mask " + k + " in group " + g);
        }
      }
    });
  }

  @Test
  void exactQuantilesTellValuesAtTheEndsOfTheLongRangeFromAbsentOnesAndFromEachOther() {
    // the first block chooses the flat table's range: values just below Long.MAX_VALUE put it at the
    // top, where an absent value (Long.MIN_VALUE) or one just above it once wrapped into a cell
    Gen<List<Long>> first = lists(longs(Long.MAX_VALUE - 40, Long.MAX_VALUE), 1, 20);
    Gen<Long> value = oneOf(longs(Long.MAX_VALUE - 40, Long.MAX_VALUE), longs(Long.MIN_VALUE + 1, Long.MIN_VALUE + 40),
        pick(ColumnBatch.ABSENT), longs(-5, 5));
    qt().forAll(first, lists(value, 0, 200), ints(1, 99)).checkAssert((firstBlock, rest, percentile) -> {
      Slot slot = new Slot("x", FieldType.LONG, true, null);
      Kernels.Tally tally = new Kernels.Tally();
      Kernels.Kernel<ExactQuantiles> kernel = Kernels.exactQuantiles(slot, tally);
      ExactQuantiles expected = ExactQuantiles.create();
      for (List<Long> block : List.of(firstBlock, rest)) {
        long[] values = block.stream().mapToLong(Long::longValue).toArray();
        slot.longs = values;
        slot.offset = 0;
        int[] gid = new int[values.length]; // all in group 0
        tally.reserve(1);
        tally.add(values.length, gid, null);
        kernel.reserve(1);
        kernel.add(values.length, gid, null);
        for (long v : values) {
          if (v != ColumnBatch.ABSENT) {
            expected.add(v);
          }
        }
      }
      double q = percentile / 100.0;
      assertEquals(expected, kernel.result(0));
      assertEquals(Summary.of(expected, q), kernel.summary(0, q));
    });
  }

  @Test
  void exactQuantileKernelsOfOneLayoutMergeCellForCellAsOneKernelCountingEveryValue() {
    // two engines' kernels whose first blocks span 0..11 take the same flat layout, so the merge adds
    // their 8-bit cells cell for cell; value 5 of group 0 is counted up to 254 times more in each,
    // so merged its cell can pass the limit and must then move to the group's accumulator; the
    // other engine's groups map onto this one's swapped or not
    qt().forAll(ints(0, 254), ints(0, 254), lists(longs(0, 11), 0, 300), booleans())
        .checkAssert((repeatsHere, repeatsThere, rest, swap) -> {
          int[] map = swap ? new int[] {1, 0} : new int[] {0, 1};
          ExactQuantiles[] expected = {ExactQuantiles.create(), ExactQuantiles.create()};
          List<Kernels.Tally> tallies = new ArrayList<>();
          List<Kernels.Kernel<ExactQuantiles>> kernels = new ArrayList<>();
          for (int engine = 0; engine < 2; engine++) {
            int repeats = engine == 0 ? repeatsHere : repeatsThere;
            int repeatGroup = engine == 0 ? 0 : map[1] == 0 ? 1 : 0; // the group that lands on group 0
            int n = 2 + repeats + rest.size();
            long[] values = new long[n];
            int[] gid = new int[n];
            values[0] = 0;
            values[1] = 11;
            gid[1] = 1;
            for (int i = 0; i < repeats; i++) {
              values[2 + i] = 5;
              gid[2 + i] = repeatGroup;
            }
            for (int i = 0; i < rest.size(); i++) {
              values[2 + repeats + i] = rest.get(engine == 0 ? i : rest.size() - 1 - i);
              gid[2 + repeats + i] = i % 2;
            }
            Slot slot = new Slot("x", FieldType.LONG, true, null);
            Kernels.Tally tally = new Kernels.Tally();
            Kernels.Kernel<ExactQuantiles> kernel = Kernels.exactQuantiles(slot, tally);
            slot.longs = values;
            slot.offset = 0;
            tally.reserve(2);
            tally.add(n, gid, null);
            kernel.reserve(2);
            kernel.add(n, gid, null);
            for (int i = 0; i < n; i++) {
              expected[engine == 0 ? gid[i] : map[gid[i]]].add(values[i]);
            }
            tallies.add(tally);
            kernels.add(kernel);
          }

          tallies.get(0).merge(tallies.get(1), map);
          kernels.get(0).merge(kernels.get(1), map);

          for (int g = 0; g < 2; g++) {
            assertEquals(expected[g], kernels.get(0).result(g));
            for (double q : new double[] {0.1, 0.5, 0.9}) {
              assertEquals(Summary.of(expected[g], q), kernels.get(0).summary(g, q));
            }
          }
        });
  }

  @Test
  void exactQuantileCountsPastTheCellLimitMoveToTheAccumulatorWithoutLoss() {
    qtWithAtMost(20).forAll(ints(250, 70_000), ints(0, 2_000), ints(1, 99)).checkAssert((repeats, others, percentile) -> {
      Slot slot = new Slot("x", FieldType.LONG, true, null);
      Kernels.Tally tally = new Kernels.Tally();
      Kernels.Kernel<ExactQuantiles> kernel = Kernels.exactQuantiles(slot, tally);
      ExactQuantiles expected = ExactQuantiles.create();
      int total = repeats + others;
      long[] values = new long[total];
      for (int i = 0; i < total; i++) {
        values[i] = i < repeats ? 7 : 1 + i % 12; // one value around or far past the 8-bit cell limit, others beside it
      }
      for (int from = 0; from < total; from += 2048) {
        int n = Math.min(2048, total - from);
        slot.longs = values;
        slot.offset = from;
        int[] gid = new int[n]; // all in group 0
        tally.reserve(1);
        tally.add(n, gid, null);
        kernel.reserve(1);
        kernel.add(n, gid, null);
      }
      for (long v : values) {
        expected.add(v);
      }
      double q = percentile / 100.0;
      assertEquals(expected, kernel.result(0));
      assertEquals(Summary.of(expected, q), kernel.summary(0, q));
    });
  }

  @Test
  void aBooleanMaskAgreesWithTheConditionOnEveryRecord() {
    qt().forAll(booleanArrays(), pick(Comparison.values()), booleans(), booleans()).checkAssert((values, op, constant, viaEquals) -> {
      Slot slot = new Slot("returned", FieldType.BOOLEAN, false, null);
      slot.booleans = values;
      slot.offset = 0;
      dev.finegrain.core.condition.Condition condition = viaEquals ? dev.finegrain.core.condition.Condition.eq(
          "returned", constant) : dev.finegrain.core.condition.Condition.compare("returned", op, constant);
      boolean[] out = new boolean[values.length];
      Masks.compile(condition, Map.of("returned", slot)).eval(values.length, out);
      for (int i = 0; i < values.length; i++) {
        boolean expected = condition.test(dev.finegrain.core.condition.FieldSource.of(Map.of("returned", values[i])));
        assertEquals(expected, out[i], condition + " on " + values[i]);
      }
    });
  }

  @Test
  void aMaskOverWholeNumbersAndDecimalsAgreesWithTheConditionOnEveryRecord() {
    // whole numbers near 2^53, where a long has no double of its own, and near the ends of a long
    Gen<Long> wholes = oneOf(longs(), longs((1L << 53) - 4, (1L << 53) + 4), longs(-(1L << 53) - 4, -(1L << 53) + 4),
        longs(Long.MAX_VALUE - 1100, Long.MAX_VALUE), longs(-1000, 1000));
    Gen<Double> decimals = oneOf(wholes.map(Long::doubleValue), wholes.map(v -> v + 0.5),
        pick(0x1p63, -0x1p63, 0x1p53, -0x1p53, 0x1p53 + 2, Math.nextUp(0x1p63), -0.0, 1e300, -1e300));
    qt().forAll(lists(wholes, 20), lists(decimals, 20), pick(Comparison.values()), booleans())
        .checkAssert((ws, ds, op, fieldAgainstField) -> {
          int n = Math.min(ws.size(), ds.size());
          Slot whole = new Slot("w", FieldType.LONG, true, null);
          Slot decimal = new Slot("d", FieldType.DOUBLE, false, null);
          whole.longs = new long[n];
          decimal.doubles = new double[n];
          for (int i = 0; i < n; i++) {
            whole.longs[i] = ws.get(i) == ColumnBatch.ABSENT ? 0 : ws.get(i);
            decimal.doubles[i] = ds.get(i);
          }
          Map<String, Slot> slots = Map.of("w", whole, "d", decimal);
          List<dev.finegrain.core.condition.Condition> conditions = fieldAgainstField
              ? List.of(dev.finegrain.core.condition.Condition.compareFields("w", op, "d"),
                  dev.finegrain.core.condition.Condition.compareFields("d", op, "w"))
              : List.of(dev.finegrain.core.condition.Condition.compare("w", op, n == 0 ? 0.5 : ds.get(0)),
                  dev.finegrain.core.condition.Condition.compare("d", op, n == 0 ? 1L : whole.longs[0]),
                  dev.finegrain.core.condition.Condition.eq("w", n == 0 ? 0.5 : ds.get(0)));
          for (dev.finegrain.core.condition.Condition condition : conditions) {
            boolean[] out = new boolean[n];
            Masks.compile(condition, slots).eval(n, out);
            for (int i = 0; i < n; i++) {
              boolean expected = condition.test(dev.finegrain.core.condition.FieldSource.of(
                  Map.of("w", whole.longs[i], "d", decimal.doubles[i])));
              assertEquals(expected, out[i], condition + " on w = " + whole.longs[i] + ", d = " + decimal.doubles[i]);
            }
          }
        });
  }

  @Test
  void instantMillisEqualToEpochMilliOrThrowLikeIt() {
    qt().forAll(longs(), ints(0, 999_999_999), ints(0, 62)).checkAssert((seconds, nanos, shift) -> {
      long s = Math.max(java.time.Instant.MIN.getEpochSecond(), Math.min(java.time.Instant.MAX.getEpochSecond(),
          seconds >> shift)); // all magnitudes, within Instant's range
      java.time.Instant t = java.time.Instant.ofEpochSecond(s, nanos);
      long expected;
      try {
        expected = t.toEpochMilli();
      } catch (ArithmeticException e) {
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> Schema.millis(t));
        return;
      }
      if (expected == ColumnBatch.ABSENT) {  // the first millisecond stands for an absent instant: refused
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> Schema.millis(t));
        return;
      }
      assertEquals(expected, Schema.millis(t), t.toString());
    });
  }

  @Test
  void aDifferenceOfFieldsDividedByAConstantEqualsSubtractingThenFloorDividing() {
    qt().forAll(lists(longs(), 60), lists(longs(), 60), ints(0, 62), divisors()).checkAssert((as, bs, shift, divisor) -> {
      int n = Math.min(as.size(), bs.size());
      long[] a = new long[n];
      long[] b = new long[n];
      for (int i = 0; i < n; i++) {
        a[i] = i % 7 == 3 ? ColumnBatch.ABSENT : as.get(i) >> shift; // all magnitudes, some absent
        b[i] = i % 11 == 5 ? ColumnBatch.ABSENT : bs.get(i) >> shift;
      }
      Slot sa = new Slot("a", FieldType.LONG, true, null);
      Slot sb = new Slot("b", FieldType.LONG, true, null);
      sa.longs = a;
      sb.longs = b;
      long[] expected = new long[n];
      String expectedError = null;
      try {
        for (int i = 0; i < n; i++) {
          if (a[i] == ColumnBatch.ABSENT || b[i] == ColumnBatch.ABSENT) {
            expected[i] = ColumnBatch.ABSENT;
            continue;
          }
          // a whole result of -2^63 is an overflow (that value stands for an absent one); a
          // difference of -2^63 divided on to another value is not a result
          expected[i] = Math.floorDiv(Math.subtractExact(a[i], b[i]), divisor);
          if (expected[i] == ColumnBatch.ABSENT) {
            throw new ArithmeticException("-2^63 stands for an absent value");
          }
        }
      } catch (ArithmeticException e) {
        expectedError = e.getMessage();
      }
      long[] out = new long[n];
      Formula formula = Formula.parse("(a - b) // " + divisor);
      Formulas.WholeEval eval = Formulas.whole(formula.root(), Map.of("a", sa, "b", sb));
      if (expectedError != null) {
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> eval.eval(n, out));
        return;
      }
      eval.eval(n, out);
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected, out);
    });
  }

  @Test
  void aDifferenceOfMinusTwoToTheSixtyThirdIsAnOverflowOnlyWhenItIsTheResult() {
    Slot sa = new Slot("a", FieldType.LONG, true, null);
    Slot sb = new Slot("b", FieldType.LONG, true, null);
    sa.longs = new long[] {Long.MIN_VALUE + 1};
    sb.longs = new long[] {1};
    long[] out = new long[1];

    Formulas.whole(Formula.parse("(a - b) // 2").root(), Map.of("a", sa, "b", sb)).eval(1, out);
    assertEquals(Long.MIN_VALUE / 2, out[0]);
    Formulas.WholeEval same = Formulas.whole(Formula.parse("(a - b) // 1").root(), Map.of("a", sa, "b", sb));
    org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> same.eval(1, out));
  }

  static Gen<Integer> codeLimits() {
    // small dictionaries stay in the direct table; 2^12 and more per dimension overflow it
    return pick(1, 3, 50, 300, 5_000, 70_000);
  }

  /** Boolean arrays of up to 255 elements, as the property had before. */
  static Gen<boolean[]> booleanArrays() {
    return lists(booleans(), 255).map(list -> {
      boolean[] array = new boolean[list.size()];
      for (int i = 0; i < array.length; i++) {
        array[i] = list.get(i);
      }
      return array;
    }).describedAs(Arrays::toString);
  }

  @Test
  void aWindowIdNamesTheCalendarWindowOfItsInstant() {
    qt().forAll(grains(), zones(), lists(ints(-4_000_000, 4_000_000), 300)).checkAssert((grain, zoneId, minutes) -> {
      java.time.ZoneId zone = java.time.ZoneId.of(zoneId);
      Windows windows = new Windows(grain, zone, java.util.Optional.empty());
      Map<java.time.Instant, Integer> idByStart = new HashMap<>();
      for (int m : minutes) {
        long t = java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() + m * 60_017L;
        int id = windows.idOf(t);
        Window w = windows.window(id);
        java.time.LocalDate first = grain.startOf(java.time.Instant.ofEpochMilli(t).atZone(zone).toLocalDate());
        assertEquals(Grain.instantOf(first, zone), w.start(), "window of " + java.time.Instant.ofEpochMilli(t));
        assertEquals(Grain.instantOf(grain.next(first), zone), w.end());
        assertEquals(idByStart.computeIfAbsent(w.start(), s -> id), id);
      }
    });
  }

  @Test
  void aBlockOfWindowIdsEqualsTheIdsFoundOneByOne() {
    qt().forAll(grains(), zones(), booleans(), lists(ints(-4_000_000, 4_000_000), 300)).checkAssert((grain, zoneId, ranged, minutes) -> {
      java.time.ZoneId zone = java.time.ZoneId.of(zoneId);
      java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
      java.util.Optional<TimeRange> range = ranged
          ? java.util.Optional.of(TimeRange.of(start.minus(java.time.Duration.ofDays(400)), start.plus(
              java.time.Duration.ofDays(400))))
          : java.util.Optional.empty();
      Windows oneByOne = new Windows(grain, zone, range);
      Windows inBlocks = new Windows(grain, zone, range);
      long[] t = new long[minutes.size() + 1];
      for (int i = 0; i < minutes.size(); i++) {
        t[i + 1] = start.toEpochMilli() + minutes.get(i) * 60_017L;
      }
      t[0] = ColumnBatch.ABSENT;
      int[] ids = new int[t.length];
      for (int from = 0; from < t.length; from += 7) { // blocks of 7, so the day table grows between blocks
        int n = Math.min(7, t.length - from);
        int[] block = new int[n];
        int none = inBlocks.idsOf(t, from, n, block);
        assertEquals(Arrays.stream(block).filter(id -> id < 0).count(), none, "ids of -1 in the block at " + from);
        System.arraycopy(block, 0, ids, from, n);
      }
      for (int i = 0; i < t.length; i++) {
        int expected = oneByOne.idOf(t[i]);
        assertEquals(expected, ids[i], "window id of record " + i);
        if (expected >= 0) {
          assertEquals(oneByOne.window(expected), inBlocks.window(ids[i]));
        }
      }
    });
  }

  static Gen<Grain> grains() {
    return pick(Grain.DAY, Grain.ISO_WEEK, Grain.MONTH, Grain.QUARTER);
  }

  static Gen<String> zones() {
    return pick("UTC", "+05:30", "-09:45", "Europe/Berlin", "Asia/Shanghai");
  }

  @Test
  void wholeDivisionByAPositiveConstantIsFloorDiv() {
    qt().forAll(lists(longs(), 50), divisors(), ints(0, 60)).checkAssert((values, divisor, shift) -> {
      long[] out = new long[values.size()];
      long[] expected = new long[values.size()];
      for (int i = 0; i < out.length; i++) {
        long x = values.get(i) >> shift; // all magnitudes, small and large
        out[i] = x;
        expected[i] = x == ColumnBatch.ABSENT ? ColumnBatch.ABSENT : Math.floorDiv(x, divisor);
      }
      Formulas.divideByPositive(out, out.length, divisor);
      assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(out));
    });
  }

  @Test
  void wholeDivisionIsFloorDivAtAndAroundEveryMultipleOfTheDivisor() {
    // the quotient's estimate is nearest to wrong at whole multiples, negative ones included, and at
    // the largest magnitudes the fast path takes (2^50) and just beyond
    qt().forAll(lists(longs(), 40), divisors(), ints(-1, 1), longs()).checkAssert((ks, divisor, delta, other) -> {
      int n = ks.size();
      long[] x = new long[n];
      long[] expected = new long[n];
      long[] b = new long[n];
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        long limit = ((1L << 51) / divisor) + 1; // multiples up to twice the fast path's range
        long k = ks.get(i) % limit;
        x[i] = k * divisor + delta;
        expected[i] = Math.floorDiv(x[i], divisor);
        b[i] = other >> 14; // any start, the difference is x
        a[i] = b[i] + x[i];
      }
      long[] divided = x.clone();
      Formulas.divideByPositive(divided, n, divisor);
      long[] subtracted = new long[n];
      Formulas.subtractAndDivide(a, 0, b, 0, subtracted, n, divisor);

      assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(divided));
      assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(subtracted));
    });
  }

  @Test
  void aDivisorsMultiplicationIsFloorDivUpToTheFastPathsLimitsForEveryDivisorSize() {
    // the method's bounds: |x| up to 2^50 - 1, and divisors at and around every power of two, where
    // ceil(log2 c) and so the multiplier's size change
    Gen<Long> divisor = oneOf(longs(3, (1L << 50) - 1), ints(2, 49).zip(ints(-1, 1), (p, d) -> (1L << p) + d));
    Gen<Long> x = oneOf(longs(-(1L << 50) + 1, (1L << 50) - 1),
        pick(0L, 1L, -1L, (1L << 50) - 1, -(1L << 50) + 1, (1L << 49), -(1L << 49)));
    qt().forAll(divisor, x, ints(-1, 1)).checkAssert((c, value, delta) -> {
      Formulas.Divisor by = Formulas.Divisor.of(c);
      long near = Math.floorDiv(value, c) * c + delta; // a multiple of c and its neighbours
      for (long v : new long[] {value, near}) {
        if (v > -(1L << 50) && v < (1L << 50)) {
          assertEquals(Math.floorDiv(v, c), by.floorDiv(v), () -> v + " // " + c);
        }
      }
    });
  }

  @Test
  void aDivisorRefusesWhatItsMethodDoesNotTake() {
    for (long c : new long[] {-1, 0, 1, 2, 1L << 50, Long.MAX_VALUE}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formulas.Divisor.of(c));
      assertEquals("divisor " + c + ": expected 3 to 2^50 - 1", e.getMessage());
    }
  }

  static Gen<Long> divisors() {
    return oneOf(pick(1L, 2L, 3L, 4L, 5L, 7L, 1000L, 1024L, 60_000L, 3_600_000L, 86_400_000L, (1L << 50) - 1),
        longs(1, (1L << 50) - 1));
  }

  @Test
  void aColumnsRunBoundsHoldItsPresentValuesAndSayWhetherOneIsAbsent() {
    // columns of up to three runs and a bit, with absent values none, few, many or all; any range
    qt().forAll(longs(0, Long.MAX_VALUE), ints(1, 3 * ColumnBatch.STATS_RUN + 50), ints(0, 3))
        .checkAssert((seed, n, absentKind) -> {
          java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
          long[] values = new long[n];
          for (int i = 0; i < n; i++) {
            boolean absent = absentKind == 3 || (absentKind == 1 ? random.nextInt(500) == 0
                : absentKind == 2 && random.nextInt(3) == 0);
            values[i] = absent ? ColumnBatch.ABSENT
                : random.nextInt(10) == 0 ? random.nextLong() | 1 // extremes, never ABSENT itself
                : random.nextLong(-1000, 1000);
          }
          ColumnBatch.Column c = ColumnBatch.builder(n).longs("v", values).build().column("v").orElseThrow();
          int from = random.nextInt(n);
          int to = from + 1 + random.nextInt(n - from);
          long min = Long.MAX_VALUE;
          long max = Long.MIN_VALUE;
          boolean anyAbsent = false;
          for (int i = from; i < to; i++) {
            if (values[i] == ColumnBatch.ABSENT) {
              anyAbsent = true;
            } else {
              min = Math.min(min, values[i]);
              max = Math.max(max, values[i]);
            }
          }
          String what = "seed " + seed + ", records " + from + " to " + to;
          assertEquals(true, c.lowerBound(from, to) <= min, what);
          assertEquals(true, c.upperBound(from, to) >= max, what);
          if (anyAbsent) {
            assertEquals(true, c.anyAbsent(from, to), what);
          }
          // over whole runs the bounds are exact, and so is the absent flag
          int first = from / ColumnBatch.STATS_RUN * ColumnBatch.STATS_RUN;
          int last = Math.min(n, (to + ColumnBatch.STATS_RUN - 1) / ColumnBatch.STATS_RUN * ColumnBatch.STATS_RUN);
          long runMin = Long.MAX_VALUE;
          long runMax = Long.MIN_VALUE;
          boolean runAbsent = false;
          for (int i = first; i < last; i++) {
            if (values[i] == ColumnBatch.ABSENT) {
              runAbsent = true;
            } else {
              runMin = Math.min(runMin, values[i]);
              runMax = Math.max(runMax, values[i]);
            }
          }
          assertEquals(runMin, c.lowerBound(first, last), what);
          assertEquals(runMax, c.upperBound(first, last), what);
          assertEquals(runAbsent, c.anyAbsent(first, last), what);
        });
  }
}
