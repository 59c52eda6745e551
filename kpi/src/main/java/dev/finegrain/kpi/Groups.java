package dev.finegrain.kpi;

import java.util.Arrays;

/**
 * Gives each distinct (window, dimension codes...) tuple a dense group id, in order of first
 * appearance. Tuples are kept in one {@code int[]}, so that finding a record's group allocates
 * nothing.
 *
 * <p>While the tuple space is small (windows × dictionary sizes, each dimension rounded up to a
 * power of two, at most {@link #MAX_DIRECT} cells) a tuple's cell in a direct table is computed
 * with shifts and read once: no hashing, no probing, no comparing. Window ids are the outermost
 * part, so new windows only extend the table; a dictionary that outgrows its bits (on the row
 * path dictionaries grow) re-lays the table out. Past the limit the groups move to an
 * open-addressing hash table, and stay there.
 */
final class Groups {
  /** Cells of the direct table at most: 4 MB of ints. */
  static final int MAX_DIRECT = 1 << 20;

  private final int width; // 1 + number of dimensions
  private int[] tuples; // group id -> its tuple at [id * width, (id + 1) * width)
  private int size;

  // direct table: cell (window << bits[1] ... | code1 + 1) << bits[2] | code2 + 1 ... -> id + 1
  private int[] direct;
  private final int[] bits; // bits[k] for part k >= 1: room for codes -1 .. 2^bits - 2
  private int codeBits; // sum of bits[k]
  private int windowLimit = 1; // 1 + the largest window id in the direct table
  private final int[] scratch;

  // hash table, once the direct table would be too large: slot -> group id + 1, 0 when empty
  private int[] table;

  Groups(int dimensions) {
    this.width = 1 + dimensions;
    this.tuples = new int[64 * width];
    this.bits = new int[width];
    for (int k = 1; k < width; k++) {
      bits[k] = 1;
    }
    this.codeBits = dimensions;
    this.direct = new int[1 << codeBits];
    this.scratch = new int[width];
  }

  int size() {
    return size;
  }

  int width() {
    return width;
  }

  /** Element {@code k} of group {@code id}'s tuple: 0 is the window id, then the dimension codes. */
  int part(int id, int k) {
    return tuples[id * width + k];
  }

  /**
   * Sets {@code gid[i]} for records {@code i < n}: the id of (window {@code windows[i]}, code
   * {@code codes[d][offsets[d] + i]} of each dimension {@code d}), added if new; -1 where the
   * window is -1.
   */
  void assign(int n, int[] windows, int[][] codes, int[] offsets, int[] gid) {
    int dims = width - 1;
    int i = 0;
    while (i < n) {
      if (direct == null) {
        for (; i < n; i++) {
          gid[i] = windows[i] < 0 ? -1 : idOf(tupleOf(i, windows, codes, offsets));
        }
        return;
      }
      if (dims == 1) {
        i = assignDirect1(i, n, windows, codes[0], offsets[0], gid);
      } else {
        i = assignDirect(i, n, windows, codes, offsets, gid);
      }
      if (i < n) {
        // record i does not fit the direct table as laid out, or is new: make room and add it
        gid[i] = idOf(tupleOf(i, windows, codes, offsets));
        i++;
      }
    }
  }

  /** The direct loop for one dimension, the common case; returns the first record it cannot place. */
  private int assignDirect1(int from, int n, int[] windows, int[] codes, int offset, int[] gid) {
    int[] cells = direct;
    int b = bits[1];
    for (int i = from; i < n; i++) {
      int w = windows[i];
      if (w < 0) {
        gid[i] = -1;
        continue;
      }
      int c = codes[offset + i] + 1;
      int cell = (w << b) | c;
      if ((c >>> b) != 0 || cell >= cells.length || cells[cell] == 0) {
        return i;
      }
      gid[i] = cells[cell] - 1;
    }
    return n;
  }

  private int assignDirect(int from, int n, int[] windows, int[][] codes, int[] offsets, int[] gid) {
    int[] cells = direct;
    int dims = width - 1;
    for (int i = from; i < n; i++) {
      int w = windows[i];
      if (w < 0) {
        gid[i] = -1;
        continue;
      }
      int cell = w;
      for (int d = 0; d < dims; d++) {
        int c = codes[d][offsets[d] + i] + 1;
        if ((c >>> bits[d + 1]) != 0) {
          return i;
        }
        cell = (cell << bits[d + 1]) | c;
      }
      if (cell >= cells.length || cells[cell] == 0) {
        return i;
      }
      gid[i] = cells[cell] - 1;
    }
    return n;
  }

  private int[] tupleOf(int i, int[] windows, int[][] codes, int[] offsets) {
    scratch[0] = windows[i];
    for (int d = 0; d < width - 1; d++) {
      scratch[d + 1] = codes[d][offsets[d] + i];
    }
    return scratch;
  }

  /** The id of the tuple {@code key[0..width)}, added if new. */
  int idOf(int[] key) {
    if (direct != null && fitDirect(key)) {
      int cell = cellOf(key);
      if (direct[cell] == 0) {
        direct[cell] = add(key) + 1;
      }
      return direct[cell] - 1;
    }
    int h = hash(key);
    int mask = table.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        int id = add(key);
        table[slot] = id + 1;
        if (size * 2 > table.length) {
          rehash(table.length * 2);
        }
        return id;
      }
      if (matches(entry - 1, key)) {
        return entry - 1;
      }
    }
  }

  private int cellOf(int[] key) {
    int cell = key[0];
    for (int k = 1; k < width; k++) {
      cell = (cell << bits[k]) | (key[k] + 1);
    }
    return cell;
  }

  /**
   * Makes the direct table hold {@code key}'s cell, widening a dimension or adding windows; when
   * that would pass {@link #MAX_DIRECT}, moves every group to the hash table and returns false.
   */
  private boolean fitDirect(int[] key) {
    if (fitsLayout(key)) {
      return true; // the common case, per record: no allocation
    }
    int[] want = bits.clone();
    int wantCodeBits = 0;
    for (int k = 1; k < width; k++) {
      while (((key[k] + 1) >>> want[k]) != 0) {
        want[k]++;
      }
      wantCodeBits += want[k];
    }
    int windows = Math.max(windowLimit, key[0] + 1);
    if (wantCodeBits > 30 || ((long) windows << wantCodeBits) > MAX_DIRECT) {
      direct = null;
      rehash(Math.max(128, Integer.highestOneBit(Math.max(1, size)) * 4));
      return false;
    }
    int cells = windows << wantCodeBits;
    if (wantCodeBits != codeBits) {
      // a dictionary outgrew its bits: lay every group out again
      System.arraycopy(want, 0, bits, 0, width);
      codeBits = wantCodeBits;
      direct = new int[cells];
      int[] tuple = new int[width];
      for (int id = 0; id < size; id++) {
        System.arraycopy(tuples, id * width, tuple, 0, width);
        direct[cellOf(tuple)] = id + 1;
      }
    } else if (cells > direct.length) {
      // more windows: at least double, so data spanning many windows costs few copies
      direct = Arrays.copyOf(direct, (int) Math.min(MAX_DIRECT, Math.max(cells, 2L * direct.length)));
    }
    windowLimit = windows;
    return true;
  }

  /** Whether {@code key}'s cell already lies inside the direct table as laid out now. */
  private boolean fitsLayout(int[] key) {
    if (key[0] >= windowLimit) {
      return false;
    }
    for (int k = 1; k < width; k++) {
      if (((key[k] + 1) >>> bits[k]) != 0) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(int id, int[] key) {
    int base = id * width;
    for (int k = 0; k < width; k++) {
      if (tuples[base + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private int add(int[] key) {
    int id = size++;
    if ((id + 1) * width > tuples.length) {
      tuples = Arrays.copyOf(tuples, tuples.length * 2);
    }
    System.arraycopy(key, 0, tuples, id * width, width);
    return id;
  }

  private void rehash(int capacity) {
    int[] bigger = new int[capacity];
    int mask = bigger.length - 1;
    int[] key = new int[width];
    for (int id = 0; id < size; id++) {
      System.arraycopy(tuples, id * width, key, 0, width);
      int slot = hash(key) & mask;
      while (bigger[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = id + 1;
    }
    table = bigger;
  }

  private int hash(int[] key) {
    int h = 0x9E3779B9;
    for (int k = 0; k < width; k++) {
      h = (h ^ key[k]) * 0x01000193;
      h ^= h >>> 15;
    }
    return h ^ (h >>> 16);
  }
}
