package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Reading bytes from an untrusted source allocates in proportion to them: a declared size is
 * refused before anything is allocated for it, and the densest valid forms allocate at most
 * {@link #BYTES_PER_BYTE} bytes of memory per byte read, plus {@link #SLACK}.
 */
class ReadBoundsTest {
  /** The documented bound: memory allocated per byte read. */
  static final long BYTES_PER_BYTE = 64;
  /** The documented constant on top. */
  static final long SLACK = 64 * 1024;

  /** Bytes allocated by this thread while {@code read} reads {@code bytes}, after a warm-up read. */
  static long allocatedReading(byte[] bytes, Function<byte[], ?> read) {
    try {
      read.apply(bytes);
    } catch (IllegalArgumentException expected) {
      // warm-up of the failing path as well
    }
    long before = Allocations.ofThisThread();
    try {
      read.apply(bytes);
    } catch (IllegalArgumentException expected) {
      // what a refused read allocates counts too
    }
    return Allocations.ofThisThread() - before;
  }

  static void assertWithinBound(String what, byte[] bytes, Function<byte[], ?> read) {
    long allocated = allocatedReading(bytes, read);
    long bound = BYTES_PER_BYTE * bytes.length + SLACK;
    assertTrue(allocated <= bound, what + ": " + allocated + " bytes allocated reading " + bytes.length
        + " bytes; the bound is " + bound);
  }

  private static byte[] varint(long v) {
    byte[] out = new byte[10];
    int n = 0;
    while ((v & ~0x7fL) != 0) {
      out[n++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out[n++] = (byte) v;
    return Arrays.copyOf(out, n);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static byte[] of(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void theThirtyThreeByteHistogramOfTheIssueReadsInAFewKilobytes() {
    // version 1, tag 8, 5 digits, array-backed, one bucket: min = max = bucket = 2^62, count 1
    byte[] big = varint(1L << 62);
    byte[] bytes = concat(of(1, 8, 5, 0, 1), big, big, big, of(1));

    HistogramQuantiles h = HistogramQuantiles.fromBytes(bytes);

    assertEquals(33, bytes.length);
    assertEquals(1, h.count());
    assertEquals(1L << 62, h.result().max().getAsLong());
    assertWithinBound("33 crafted histogram bytes", bytes, HistogramQuantiles::fromBytes);
    assertTrue(allocatedReading(bytes, HistogramQuantiles::fromBytes) < 16 * 1024);
  }

  @Test
  void aHistogramReadFromBytesMergesIntoAnotherWithoutBuildingItsOwnCounts() {
    byte[] big = varint(1L << 62);
    byte[] bytes = concat(of(1, 8, 5, 0, 1), big, big, big, of(1));
    HistogramQuantiles into = HistogramQuantiles.createCompact(5);
    into.add(7);

    into.copy().merge(HistogramQuantiles.fromBytes(bytes)); // warm-up
    long before = Allocations.ofThisThread();
    HistogramQuantiles merged = into.merge(HistogramQuantiles.fromBytes(bytes));
    long allocated = Allocations.ofThisThread() - before;

    assertEquals(2, merged.count());
    assertTrue(allocated < 64 * 1024, allocated + " bytes");
  }

  @Test
  void declaredSizesBeyondTheRemainingBytesAreRefusedBeforeAllocation() {
    byte[] huge = varint(Integer.MAX_VALUE);
    List<byte[]> crafted = List.of(
        concat(of(1, 8, 5, 0), huge),                                            // buckets of a histogram
        concat(of(1, 9), huge, new byte[16]),                                   // values of ExactQuantiles
        concat(of(1, 10, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), huge), // DistinctLongs
        concat(of(1, 11, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), huge), // DistinctStrings
        concat(of(1, 11, 0, 0, 0, 0, 0, 0, 0, 1, 1), huge, of('a')));           // one string's length
    for (byte[] bytes : crafted) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Accumulators.fromBytes(bytes));

      assertTrue(e.getMessage().matches(".* at offset \\d+ is 2147483647, more than the \\d+ remaining bytes can hold"),
          e.getMessage());
      assertWithinBound(e.getMessage(), bytes, Accumulators::fromBytes);
    }
  }

  @Test
  void theDensestValidFormsOfEachTypeStayWithinTheBound() {
    List<Accumulator<?, ?>> dense = new ArrayList<>();
    HistogramQuantiles array = HistogramQuantiles.create(5);
    HistogramQuantiles compact = HistogramQuantiles.createCompact(1);
    HistogramQuantiles signed = HistogramQuantiles.create(5);
    ExactQuantiles exact = ExactQuantiles.create();
    DistinctLongs longs = DistinctLongs.create();
    DistinctStrings strings = DistinctStrings.create();
    for (int i = 0; i < 50_000; i++) {
      array.add(i);
      compact.add((long) i << 20);
      signed.add(i);
      signed.add(-i - 1);
      exact.add(i);
      longs.add(i);
      strings.add(Integer.toString(i, 36));
    }
    dense.addAll(List.of(array, compact, signed, exact, longs, strings));
    for (Accumulator<?, ?> a : dense) {
      byte[] bytes = a.toBytes();

      assertWithinBound(a.getClass().getSimpleName() + " of " + a.count() + " values", bytes, Accumulators::fromBytes);
    }
  }
}
