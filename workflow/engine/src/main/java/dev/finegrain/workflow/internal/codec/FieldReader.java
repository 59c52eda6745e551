package dev.finegrain.workflow.internal.codec;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.store.Hash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads back, in the same order, the fields an {@link EventCodec} wrote to a {@link FieldWriter}. */
public interface FieldReader {
  String string();

  Optional<String> optional();

  int int32();

  Instant instant();

  /** The constant of {@code values} (an enum's {@code values()}) that was written. */
  <T extends Enum<T>> T enumValue(T[] values);

  Artifact artifact();

  List<String> strings();

  List<Violation> violations();

  /** What {@link FieldWriter#trailingHash} wrote. */
  Optional<Hash> trailingHash();
}
