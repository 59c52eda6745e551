package dev.finegrain.kpi.internal;

import java.security.SecureRandom;

/**
 * Bit mixing for the primitive hash tables (the finalizer of MurmurHash3), and where a key goes in
 * a table: the finalizer of the key XOR a secret chosen at random for each JVM. The finalizer alone
 * is a bijection anyone can invert, so values read from untrusted accumulator bytes could be chosen
 * to share a slot and make every insertion probe all the others (quadratic reading time); without
 * the secret they cannot. Nothing written depends on the secret: the tables' users sort their keys
 * before encoding them, and {@link #mix} (for {@code hashCode}) is unseeded.
 */
final class Mix {
  private Mix() {}

  private static final long SEED = new SecureRandom().nextLong();

  static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  static int slot(long key, int mask) {
    return (int) mix(key ^ SEED) & mask;
  }

  /** How far {@code slot} is past the slot {@code key} hashes to, walking forward as the tables probe. */
  static int displacement(long key, int slot, int mask) {
    return (slot - slot(key, mask)) & mask;
  }
}
