package dev.finegrain.workflow.internal.store;

import java.time.Instant;

/**
 * An instant as nanoseconds since the epoch, kept beside it, so that a sorted set compares two
 * instants without loading them (as {@link CodePointKey} does for case ids). Instants from 1677 to
 * 2262 have a key of their own; one before or after that range has {@link Long#MIN_VALUE} or
 * {@link Long#MAX_VALUE}, which no instant within it has, and {@link #compare} then compares the
 * instants.
 */
final class InstantKey {
  private static final long NANOS = 1_000_000_000L;

  private InstantKey() {}

  /** {@code t}'s key; 0 for null (an instant never compared). */
  static long of(Instant t) {
    if (t == null) {
      return 0;
    }
    long seconds = t.getEpochSecond();
    if (seconds >= Long.MAX_VALUE / NANOS) {
      return Long.MAX_VALUE;
    }
    if (seconds <= Long.MIN_VALUE / NANOS) {
      return Long.MIN_VALUE;
    }
    return seconds * NANOS + t.getNano();
  }

  /** {@code x} and {@code y} in time order, given their keys: by the keys, else by the instants. */
  static int compare(long a, Instant x, long b, Instant y) {
    if (a != b) {
      return Long.compare(a, b);
    }
    return a == Long.MAX_VALUE || a == Long.MIN_VALUE ? x.compareTo(y) : 0;
  }
}
