package dev.finegrain.kpi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One field as the engine reads it for the current block of records: an array and an offset into
 * it. Whole numbers (longs, instants, whole derived fields) hold {@link ColumnBatch#ABSENT} when
 * absent, decimals {@code NaN}, dimensions code {@code -1}.
 */
final class Slot {
  final String name;
  final FieldType type;
  /** For a derived field: whether its values are whole numbers. */
  final boolean whole;
  long[] longs;
  double[] doubles;
  boolean[] booleans;
  int[] codes;
  int offset;
  /**
   * For a whole-number or instant field of records read into a block: the smallest and the
   * largest present value of the block, as its reader found them ({@code Long.MAX_VALUE} and
   * {@code Long.MIN_VALUE} if none is), and whether the block may have an absent value; the fused
   * loop reads them ({@link FusedDayKernel.Source#of(Slot)}) as bounds of the whole block and of
   * any part of it. Until a block is read they are the widest range with an absent value, which
   * rules nothing out.
   */
  long low = Long.MIN_VALUE;
  long high = Long.MAX_VALUE;
  boolean absent = true;

  /** Empties the bounds before a block is read: no value yet, none absent; its reader widens them. */
  void clearBounds() {
    low = Long.MAX_VALUE;
    high = Long.MIN_VALUE;
    absent = false;
  }
  /** For a dimension: code to text; grows on the row path as new values appear. */
  final Dictionary dictionary;

  Slot(String name, FieldType type, boolean whole, Dictionary dictionary) {
    this.name = name;
    this.type = type;
    this.whole = whole;
    this.dictionary = dictionary;
  }

  /** Whether this slot holds whole numbers in {@link #longs}. */
  boolean isWhole() {
    return longs != null || (type != FieldType.DOUBLE && type != FieldType.BOOLEAN && type != FieldType.DIMENSION
        && whole);
  }

  /** Reads value {@code i} of the block as a decimal; {@code NaN} when absent. */
  double asDouble(int i) {
    if (type == FieldType.DOUBLE) {
      return doubles[offset + i];
    }
    long v = longs[offset + i];
    return v == ColumnBatch.ABSENT ? Double.NaN : v;
  }

  /** The texts of a dimension's codes. */
  static final class Dictionary {
    private final List<String> values;
    private final Map<String, Integer> codes;
    private final boolean growable;
    private static final int RECENT_BITS = 8;
    private static final int RECENT = 1 << RECENT_BITS;
    private final String[] recentKeys = new String[RECENT];
    private final int[] recentCodes = new int[RECENT];

    private Dictionary(List<String> values, boolean growable) {
      this.values = new ArrayList<>(values);
      this.codes = new HashMap<>();
      for (int i = 0; i < values.size(); i++) {
        codes.put(values.get(i), i);
      }
      this.growable = growable;
    }

    static Dictionary fixed(List<String> values) {
      return new Dictionary(values, false);
    }

    static Dictionary growing() {
      return new Dictionary(List.of(), true);
    }

    /** The code of {@code value}, adding it if the dictionary grows; -1 for null or unknown. */
    int code(String value) {
      if (value == null) {
        return -1;
      }
      // records usually share a few String instances per value (constants, interned, cached), so
      // a direct-mapped cache by the String's own cached hash, compared by identity, answers most
      // lookups without the map's node walk and unboxing. Only a growing dictionary has one: it
      // belongs to one run on one thread, while a fixed one may sit in a batch shared by threads.
      int slot = (value.hashCode() * 0x9E3779B9) >>> (32 - RECENT_BITS); // mixed: similar names spread out
      if (growable && recentKeys[slot] == value) {
        return recentCodes[slot];
      }
      Integer code = codes.get(value);
      if (code != null) {
        if (growable) {
          recentKeys[slot] = value;
          recentCodes[slot] = code;
        }
        return code;
      }
      if (!growable) {
        return -1;
      }
      int next = values.size();
      values.add(value);
      codes.put(value, next);
      return next;
    }

    /** The code of {@code value} without adding it: -1 when it is not (yet) known. */
    int lookup(String value) {
      Integer code = codes.get(value);
      return code == null ? -1 : code;
    }

    String text(int code) {
      return values.get(code);
    }

    int size() {
      return values.size();
    }
  }
}
