package dev.finegrain.kpi.internal;

/** Bit mixing for the primitive hash tables (the finalizer of MurmurHash3). */
final class Mix {
  private Mix() {}

  static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  static int slot(long key, int mask) {
    return (int) mix(key) & mask;
  }
}
