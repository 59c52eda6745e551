package dev.finegrain.workflow.internal.codec;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.store.Hash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where an {@link EventCodec} writes an event's own fields, in order; each encoding (the hash
 * chain's {@link ChainEncoding}, the in-memory store's {@link CompactEvents}) decides how a field
 * of each kind is laid out in bytes.
 */
public interface FieldWriter {
  void string(String value);

  void optional(Optional<String> value);

  void int32(int value);

  void instant(Instant value);

  /** An enum constant: by name in the hash chain, by ordinal in memory. */
  void enumValue(Enum<?> value);

  void artifact(Artifact value);

  void strings(List<String> values);

  void violations(List<Violation> values);

  /**
   * An optional hash, which may only be an event's last field: in the hash chain an absent one is
   * no bytes at all, so that records written before the field existed hash as they did.
   */
  void trailingHash(Optional<Hash> value);
}
