package dev.finegrain.kpi.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.kpi.accumulator.Accumulator;
import dev.finegrain.kpi.accumulator.Accumulators;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The laws of {@link Accumulator} as a JUnit 5 contract: a subclass says how to create the
 * accumulator, which values to add and how to add one, and inherits a property test per law.
 *
 * <ul>
 *   <li>{@link #anySplitMergedInAnyOrderOrTreeGivesTheOnePassResult}: associativity and
 *       commutativity over any split of the values into parts merged as a fold or a tree, in any
 *       order; {@code merge} leaves its argument unchanged;
 *   <li>{@link #aFreshAccumulatorIsTheIdentityOnEitherSide}: the identity of {@code merge};
 *   <li>{@link #bytesRoundTripToAnEqualAccumulatorWithTheSameResult}: the versioned byte form;
 *   <li>{@link #mergeIsCommutative}: {@code a.merge(b)} and {@code b.merge(a)} are equal;
 *   <li>{@link #aCopyIsIndependent}: adding to a copy leaves the original alone;
 *   <li>{@link #everySingleBitFlipOfTheBytesIsRefusedNamingAnOffset}: the checksum of the byte form
 *       catches any one changed bit, and the error says at which offset it was caught (this law tries
 *       at most {@link #bitFlipTries()} inputs, each with every bit of its bytes flipped in turn).
 * </ul>
 *
 * <p>Each law tries {@code -Dproperty.tries} generated inputs (1000 when unset; override
 * {@link #tries()} to change it for one suite) of up to {@link #maxValues()} values. A failure is
 * shrunk (20,000 cycles, {@code -DQT_SHRINKS} sets more) and reports QuickTheories' seed with the
 * command that replays it: {@code -Dtest='YourContractTest#mergeIsCommutative' -DQT_SEED=<seed>}.
 *
 * <p>Accumulators whose results agree only within floating-point rounding across splits (sums and
 * means of doubles) override {@link #exact()} to return false and {@link #assertAgrees} with their
 * documented tolerance.
 *
 * <pre>{@code
 * // delays in milliseconds, as the platform measures them, in the compact histogram it stores
 * class DelayHistogramContractTest
 *     extends AccumulatorContract<HistogramQuantiles, QuantileResult, Long> {
 *   protected HistogramQuantiles create() {
 *     return HistogramQuantiles.createCompact(2);
 *   }
 *
 *   protected Gen<Long> values() {
 *     return SourceDSL.longs().between(0, 86_400_000L)
 *         .mix(SourceDSL.arbitrary().pick(0L, 255L, 256L, 257L));
 *   }
 *
 *   protected void add(HistogramQuantiles accumulator, Long delay) {
 *     accumulator.add(delay);
 *   }
 * }
 * }</pre>
 *
 * @param <A> the accumulator type
 * @param <R> its result type
 * @param <V> the type of a generated value that {@link #add} adds
 *
 * @since 0.1
 */
public abstract class AccumulatorContract<A extends Accumulator<A, R>, R, V> {
  /** For subclasses. */
  protected AccumulatorContract() {}

  /** {@return a new, empty accumulator of the configuration under test} */
  protected abstract A create();

  /** {@return the values to add, with the edge cases that matter to this accumulator mixed in} */
  protected abstract Gen<V> values();

  /**
   * Adds one generated value to {@code accumulator}.
   *
   * @param accumulator the accumulator under test
   * @param value a generated value
   */
  protected abstract void add(A accumulator, V value);

  /**
   * Reads the byte form: by default {@link Accumulators#fromBytes(byte[])}, checked to give this
   * contract's type. Override it to check the type's own {@code fromBytes} as well.
   *
   * @param bytes the byte form, as {@code toBytes()} wrote it
   * @return the accumulator the bytes hold
   */
  protected A fromBytes(byte[] bytes) {
    @SuppressWarnings("unchecked")
    Class<A> type = (Class<A>) create().getClass();
    return type.cast(Accumulators.fromBytes(bytes));
  }

  /**
   * Whether a split-and-merged state must equal the one-pass state (and give the same bytes), not
   * just agree in result: true unless floating-point rounding depends on the split.
   *
   * @return whether states must be equal, not only results
   */
  protected boolean exact() {
    return true;
  }

  /**
   * Asserts that a result computed from the same values in another split and merge order agrees
   * with the one-pass result: equal, unless overridden with the type's tolerance.
   *
   * @param onePass the result of adding every value to one accumulator
   * @param merged the result of the same values split and merged
   * @param values every value added, in their one-pass order, for a tolerance that scales with them
   */
  protected void assertAgrees(R onePass, R merged, List<V> values) {
    assertEquals(onePass, merged);
  }

  /** {@return the most values one generated input adds: 200 unless overridden} */
  protected int maxValues() {
    return 200;
  }

  /** {@return how many inputs each law tries: {@code -Dproperty.tries}, or 1000; at least one} */
  protected int tries() {
    return PropertyRunner.configuredTries();
  }

  /** Any split merged in any order or tree gives the one-pass result; merge leaves its argument alone. */
  @Test
  public void anySplitMergedInAnyOrderOrTreeGivesTheOnePassResult() {
    theory("anySplitMergedInAnyOrderOrTreeGivesTheOnePassResult").forAll(valueLists(), randoms())
        .checkAssert((values, random) -> {
          A whole = accumulate(values);
          List<A> parts = split(values, random);
          Collections.shuffle(parts, random);
          List<byte[]> before = parts.stream().map(Accumulator::toBytes).toList();

          A folded = create();
          for (A part : parts) {
            folded.merge(part);
          }
          for (int i = 0; i < parts.size(); i++) {
            assertArrayEquals(before.get(i), parts.get(i).toBytes(), "merge must not change its argument");
          }
          Collections.shuffle(parts, random);
          A tree = mergeTree(new ArrayList<>(parts.stream().map(Accumulator::copy).toList()), random);

          assertEquals(whole.count(), folded.count());
          assertEquals(whole.count(), tree.count());
          assertAgrees(whole.result(), folded.result(), values);
          assertAgrees(whole.result(), tree.result(), values);
          if (exact()) {
            assertEquals(whole, folded);
            assertEquals(whole, tree);
            assertArrayEquals(whole.toBytes(), tree.toBytes());
          }
        });
  }

  /** A fresh accumulator is the identity of merge, on either side. */
  @Test
  public void aFreshAccumulatorIsTheIdentityOnEitherSide() {
    theory("aFreshAccumulatorIsTheIdentityOnEitherSide").forAll(valueLists()).checkAssert(values -> {
      A a = accumulate(values);
      assertEquals(a, a.copy().merge(a.fresh()));
      assertEquals(a, a.fresh().merge(a.copy()));
      assertEquals(a, create().merge(a));
      assertEquals(a.result(), create().merge(a).result());
      assertEquals(a.isEmpty(), values.isEmpty());
    });
  }

  /** The byte form reads back to an equal accumulator with the same result, count and bytes. */
  @Test
  public void bytesRoundTripToAnEqualAccumulatorWithTheSameResult() {
    theory("bytesRoundTripToAnEqualAccumulatorWithTheSameResult").forAll(valueLists()).checkAssert(values -> {
      A a = accumulate(values);
      byte[] bytes = a.toBytes();
      A back = fromBytes(bytes);
      assertEquals(a, back);
      assertEquals(a.hashCode(), back.hashCode());
      assertEquals(a.result(), back.result());
      assertEquals(a.count(), back.count());
      assertArrayEquals(bytes, back.toBytes());
      assertEquals(a, Accumulators.fromBytes(bytes));
      assertEquals(Accumulators.FORMAT_VERSION, bytes[0]);
    });
  }

  /** {@code a.merge(b)} equals {@code b.merge(a)}, result and state. */
  @Test
  public void mergeIsCommutative() {
    theory("mergeIsCommutative").forAll(valueLists(), valueLists()).checkAssert((left, right) -> {
      A a = accumulate(left);
      A b = accumulate(right);
      A ab = a.copy().merge(b);
      A ba = b.copy().merge(a);
      assertEquals(ab.result(), ba.result());
      assertEquals(ab, ba);
    });
  }

  /** Adding to a copy leaves the original as it was. */
  @Test
  public void aCopyIsIndependent() {
    theory("aCopyIsIndependent").forAll(valueLists(), valueLists()).checkAssert((values, more) -> {
      A a = accumulate(values);
      A copy = a.copy();
      for (V v : more) {
        add(copy, v);
      }
      assertEquals(accumulate(values), a);
      assertTrue(more.isEmpty() || copy.count() > a.count());
    });
  }

  /**
   * {@return how many inputs the bit-flip law tries: {@link #tries()}, at most 50 unless overridden}
   * Each input costs a read per bit of its bytes.
   */
  protected int bitFlipTries() {
    return Math.min(tries(), 50);
  }

  /**
   * Every single-bit change of the byte form is refused with an {@link IllegalArgumentException}
   * whose message names an offset; none reads back as another valid accumulator.
   */
  @Test
  public void everySingleBitFlipOfTheBytesIsRefusedNamingAnOffset() {
    PropertyRunner.qt(Math.max(1, bitFlipTries()), getClass(), "everySingleBitFlipOfTheBytesIsRefusedNamingAnOffset")
        .forAll(valueLists()).checkAssert(values -> {
          byte[] bytes = accumulate(values).toBytes();
          for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            int at = bit;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromBytes(flipped),
                () -> "bit " + at + " of " + bytes.length + " bytes flipped, read back without an error");
            assertTrue(e.getMessage() != null && e.getMessage().matches("(?s).*\\boffset \\d+.*"),
                () -> "bit " + at + " flipped: the error does not name an offset: " + e.getMessage());
          }
        });
  }

  private QuickTheory theory(String law) {
    return PropertyRunner.qt(tries(), getClass(), law);
  }

  private A accumulate(List<V> values) {
    A a = create();
    for (V v : values) {
      add(a, v);
    }
    return a;
  }

  /**
   * Lists of up to {@link #maxValues()} values, mostly short. Each value is drawn with a rarely-zero "kept" mark:
   * QuickTheories shrinks one drawn number at a time towards zero, so shrinking a mark deletes its
   * value wherever it is, and a failing list shrinks to the values that matter.
   */
  private Gen<List<V>> valueLists() {
    Gen<V> values = values();
    int max = maxValues();
    // biased towards short lists (median a tenth of the maximum), with empty and full ones among them
    int unit = 1 << 20;
    Gen<Integer> biased = Generate.range(0, unit).map(u -> (int) Math.round(max * Math.pow((double) u / unit, 3)));
    Gen<Integer> sizes = Generate.frequency(List.of(Pair.of(19, biased), Pair.of(1, Generate.pick(List.of(0, max)))));
    Gen<Integer> kept = Generate.range(0, 15);
    Gen<List<V>> lists = in -> {
      int size = sizes.generate(in);
      List<V> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        boolean keep = kept.generate(in) != 0;
        V value = values.generate(in);
        if (keep) {
          list.add(value);
        }
      }
      return list;
    };
    return lists.describedAs(list -> list.stream().map(values::asString).collect(Collectors.joining(", ", "[", "]")));
  }

  /** The order and shape of splits and merges: a {@link Random} from a generated seed. */
  private static Gen<SeededRandom> randoms() {
    return SourceDSL.longs().all().map(SeededRandom::new)
        .describedAs(random -> "split and merge order of seed " + random.seed);
  }

  /** A {@link Random} that remembers its seed, so that a failure can print it. */
  private static final class SeededRandom extends Random {
    private static final long serialVersionUID = 1L;
    final long seed;

    SeededRandom(long seed) {
      super(seed);
      this.seed = seed;
    }
  }

  /** Cuts the values into 1 to 8 consecutive parts, some possibly empty, each accumulated alone. */
  private List<A> split(List<V> values, Random random) {
    int parts = 1 + random.nextInt(8);
    int[] cuts = new int[parts + 1];
    cuts[parts] = values.size();
    for (int i = 1; i < parts; i++) {
      cuts[i] = random.nextInt(values.size() + 1);
    }
    Arrays.sort(cuts, 1, parts);
    List<A> out = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      out.add(accumulate(values.subList(cuts[i], cuts[i + 1])));
    }
    return out;
  }

  /** Merges the parts as a random binary tree. */
  private A mergeTree(List<A> parts, Random random) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int k = 1 + random.nextInt(parts.size() - 1);
    A left = mergeTree(parts.subList(0, k), random);
    A right = mergeTree(parts.subList(k, parts.size()), random);
    return left.merge(right);
  }
}
