package dev.finegrain.kpi.accumulator;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Bounded fuzzing of the byte readers: random and crafted byte strings are read or refused with an
 * {@link IllegalArgumentException}, never another exception or an {@link Error}; what is read is a
 * consistent accumulator; and no read allocates more than {@link ReadBoundsTest#BYTES_PER_BYTE}
 * bytes per byte plus {@link ReadBoundsTest#SLACK}. Each try reads several inputs; the totals are
 * printed when the class ends.
 */
class AccumulatorFuzzProperties {
  private static final AtomicLong TRIED = new AtomicLong();
  private static final AtomicLong READ = new AtomicLong();
  private static final AtomicLong REFUSED = new AtomicLong();

  /** Reads {@code bytes}: read and consistent, or refused with a message; within the allocation bound. */
  private static void readOrRefuse(byte[] bytes) {
    TRIED.incrementAndGet();
    Accumulator<?, ?> read;
    try {
      read = Accumulators.fromBytes(bytes);
    } catch (IllegalArgumentException e) {
      REFUSED.incrementAndGet();
      assertTrue(e.getMessage() != null && e.getMessage().contains(" bytes"), e.getMessage());
      assertWithinBound(bytes);
      return;
    }
    READ.incrementAndGet();
    assertWithinBound(bytes);
    assertEquals(read, Accumulators.fromBytes(read.toBytes()), "what was read re-encodes to itself");
  }

  /** What reading {@code bytes} again allocates: classes a first read loads are not counted. */
  private static void assertWithinBound(byte[] bytes) {
    long allocated = ReadBoundsTest.allocatedReading(bytes, Accumulators::fromBytes);
    long bound = ReadBoundsTest.BYTES_PER_BYTE * bytes.length + ReadBoundsTest.SLACK;
    assertTrue(allocated <= bound, allocated + " bytes allocated reading " + bytes.length + "; bound " + bound);
  }

  /** Version 2 of {@code fields} (whose first byte is replaced): a correct checksum, so the fields are parsed. */
  private static byte[] sealed(byte[] fields) {
    byte[] out = Arrays.copyOf(fields, fields.length + Format.CHECKSUM_BYTES);
    out[0] = (byte) Format.VERSION;
    int crc = Format.checksum(out, fields.length);
    for (int i = 0; i < 4; i++) {
      out[fields.length + i] = (byte) (crc >>> (24 - 8 * i));
    }
    return out;
  }

  /** Bytes that matter to varints, sizes, doubles and UTF-8. */
  private static Gen<Integer> interestingBytes() {
    return pick(0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xfe, 0xff)
        .mix(ints(0, 255));
  }

  @Test
  void randomBytesAreReadOrRefusedWithinTheBound() {
    Gen<List<Integer>> bodies = lists(interestingBytes(), 0, 80);
    qt().forAll(ints(0, 12), bodies, pick(0, 1, 2, 3, 255)).checkAssert((tag, body, version) -> {
      byte[] bytes = new byte[2 + body.size()];
      bytes[0] = (byte) (int) version;
      bytes[1] = (byte) (int) tag;
      for (int i = 0; i < body.size(); i++) {
        bytes[2 + i] = (byte) (int) body.get(i);
      }
      readOrRefuse(bytes);                   // as drawn: version 2 fails its checksum, others their version
      bytes[0] = 1;
      readOrRefuse(bytes);                   // version 1: the fields are parsed
      readOrRefuse(sealed(bytes));           // version 2 with a correct checksum: parsed too
      for (int cut = 0; cut < bytes.length; cut += 1 + bytes.length / 8) {
        readOrRefuse(Arrays.copyOf(bytes, cut));
      }
    });
  }

  /** One change to a byte string: overwrite, insert or delete at a position. */
  private record Mutation(int kind, int at, int value) {
    byte[] apply(byte[] b) {
      int i = Math.floorMod(at, Math.max(1, b.length));
      switch (kind) {
        case 0:
          if (b.length > 0) {
            b = b.clone();
            b[i] = (byte) value;
          }
          return b;
        case 1: {
          byte[] out = new byte[b.length + 1];
          System.arraycopy(b, 0, out, 0, i);
          out[i] = (byte) value;
          System.arraycopy(b, i, out, i + 1, b.length - i);
          return out;
        }
        default: {
          if (b.length == 0) {
            return b;
          }
          byte[] out = new byte[b.length - 1];
          System.arraycopy(b, 0, out, 0, i);
          System.arraycopy(b, i + 1, out, i, b.length - i - 1);
          return out;
        }
      }
    }
  }

  @Test
  void mutatedValidBytesAreReadOrRefusedWithinTheBound() {
    Gen<Mutation> mutations = ints(0, 2).zip(longs(0, Integer.MAX_VALUE), interestingBytes(),
        (kind, at, value) -> new Mutation(kind, (int) (long) at, value));
    qt().forAll(ByteFormatProperties.accumulators(), lists(mutations, 1, 6), booleans())
        .checkAssert((accumulator, changes, seal) -> {
          byte[] v2 = accumulator.toBytes();
          byte[] fields = Arrays.copyOf(v2, v2.length - Format.CHECKSUM_BYTES);
          fields[0] = 1;
          for (Mutation m : changes) {
            fields = m.apply(fields);
            if (fields.length >= 2) {
              fields[0] = 1;                       // keep version 1, so that the fields are parsed
            }
            readOrRefuse(fields);
            if (fields.length >= 2 && seal) {
              readOrRefuse(sealed(fields));
            }
          }
          byte[] damaged = changes.get(0).apply(v2);
          if (!Arrays.equals(damaged, v2)) {
            readOrRefuse(damaged);                 // version 2 bytes changed after writing: the checksum catches it
          }
        });
  }

  @AfterAll
  static void report() {
    System.out.printf("accumulator byte fuzz: %d inputs, %d read, %d refused with an IllegalArgumentException, "
        + "none otherwise; every read within %d bytes per byte + %d%n", TRIED.get(), READ.get(), REFUSED.get(),
        ReadBoundsTest.BYTES_PER_BYTE, ReadBoundsTest.SLACK);
  }
}
