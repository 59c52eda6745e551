package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws every accumulator obeys, as jqwik properties; {@link AccumulatorLawProperties} runs them
 * for each type. A subclass says how to create the accumulator, which values to add and how to add
 * one, and whether results must agree exactly or within a floating-point tolerance.
 */
abstract class AccumulatorLaws<A extends Accumulator<A, ?>> {
  /** A generated input: the values, in order. Not generic, so that jqwik can match providers. */
  record Values(List<Object> list) {}

  abstract A create();

  abstract Arbitrary<?> value();

  abstract void add(A accumulator, Object value);

  abstract A fromBytes(byte[] bytes);

  /**
   * Asserts that a result computed from the same values in another split and merge order agrees
   * with the one-pass result; exactly unless overridden with a tolerance.
   */
  void assertAgrees(Object onePass, Object merged, List<Object> values) {
    assertEquals(onePass, merged);
  }

  /** Whether a split-and-merged state must equal the one-pass state, not just agree in result. */
  boolean exact() {
    return true;
  }

  @Provide
  Arbitrary<Values> values() {
    return value().map(v -> (Object) v).list().ofMaxSize(200).map(Values::new);
  }

  A accumulate(List<Object> values) {
    A a = create();
    for (Object v : values) {
      add(a, v);
    }
    return a;
  }

  @Property
  void anySplitMergedInAnyOrderOrTreeGivesTheOnePassResult(@ForAll("values") Values input, @ForAll Random random) {
    List<Object> values = input.list();
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
  }

  @Property
  void aFreshAccumulatorIsTheIdentityOnEitherSide(@ForAll("values") Values input) {
    A a = accumulate(input.list());
    assertEquals(a, a.copy().merge(a.fresh()));
    assertEquals(a, a.fresh().merge(a.copy()));
    assertEquals(a, create().merge(a));
    assertEquals(a.result(), create().merge(a).result());
    assertEquals(a.isEmpty(), input.list().isEmpty());
  }

  @Property
  void bytesRoundTripToAnEqualAccumulatorWithTheSameResult(@ForAll("values") Values input) {
    A a = accumulate(input.list());
    byte[] bytes = a.toBytes();
    A back = fromBytes(bytes);
    assertEquals(a, back);
    assertEquals(a.hashCode(), back.hashCode());
    assertEquals(a.result(), back.result());
    assertEquals(a.count(), back.count());
    assertArrayEquals(bytes, back.toBytes());
    assertEquals(a, Accumulators.fromBytes(bytes));
    assertEquals(Accumulators.FORMAT_VERSION, bytes[0]);
  }

  @Property
  void mergeIsCommutative(@ForAll("values") Values left, @ForAll("values") Values right) {
    A a = accumulate(left.list());
    A b = accumulate(right.list());
    A ab = a.copy().merge(b);
    A ba = b.copy().merge(a);
    assertEquals(ab.result(), ba.result());
    assertEquals(ab, ba);
  }

  @Property
  void aCopyIsIndependent(@ForAll("values") Values input, @ForAll("values") Values more) {
    A a = accumulate(input.list());
    A copy = a.copy();
    for (Object v : more.list()) {
      add(copy, v);
    }
    assertEquals(accumulate(input.list()), a);
    assertTrue(more.list().isEmpty() || copy.count() > a.count());
  }

  /** Cuts the values into 1 to 8 consecutive parts, some possibly empty, each accumulated alone. */
  private List<A> split(List<Object> values, Random random) {
    int parts = 1 + random.nextInt(8);
    int[] cuts = new int[parts + 1];
    cuts[parts] = values.size();
    for (int i = 1; i < parts; i++) {
      cuts[i] = random.nextInt(values.size() + 1);
    }
    java.util.Arrays.sort(cuts, 1, parts);
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
