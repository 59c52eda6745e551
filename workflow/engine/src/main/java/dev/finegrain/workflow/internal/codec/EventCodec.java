package dev.finegrain.workflow.internal.codec;

import static com.google.common.base.Preconditions.checkArgument;

import dev.finegrain.workflow.event.ReviewEvent;

/**
 * Everything the engine knows about one event type besides its fields and its effect on a case:
 * its JSON type name, its one-byte type code (in the hash chain and in memory), how its own fields
 * are written ({@link #write}, for both encodings) and read back ({@link #read}), and how it reads
 * in an audit trail ({@link #describe}). {@link EventCodecs} holds one per event type.
 *
 * @param <E> the event type
 */
public abstract class EventCodec<E extends ReviewEvent> {
  private final Class<E> type;
  private final String name;
  private final int code;
  private final boolean holdsSubject;

  /**
   * A codec of {@code type}, named {@code name} in JSON (and in hash chain format 2), with type
   * code {@code code} (1 to 127, never reused); {@code holdsSubject} if its events carry a subject,
   * which the in-memory store keeps as an object while the case is open (its state shares it).
   */
  protected EventCodec(Class<E> type, String name, int code, boolean holdsSubject) {
    checkArgument(code >= 1 && code <= 127, "type code %s of %s is not in 1..127", code, name);
    this.type = type;
    this.name = name;
    this.code = code;
    this.holdsSubject = holdsSubject;
  }

  /** The event type. */
  public final Class<E> type() {
    return type;
  }

  /** The JSON type name, such as {@code vote-cast}. */
  public final String name() {
    return name;
  }

  /** The one-byte type code. */
  public final int code() {
    return code;
  }

  /** Whether the type's events carry a subject (an artifact of the platform's). */
  public final boolean holdsSubject() {
    return holdsSubject;
  }

  /** Writes the event's own fields (after type, case, sequence, instant and actor). */
  public abstract void write(E event, FieldWriter out);

  /** The event whose own fields {@link #write} wrote, with the common fields of {@code header}. */
  public abstract E read(EventHeader header, FieldReader in);

  /** The event in words, after {@code who} did it ("the engine" for the system). */
  public abstract String describe(E event, String who);

  /** {@link #write} of an event known to be of this type. */
  final void writeAny(ReviewEvent event, FieldWriter out) {
    write(type.cast(event), out);
  }

  /** {@link #describe} of an event known to be of this type. */
  final String describeAny(ReviewEvent event, String who) {
    return describe(type.cast(event), who);
  }

  @Override
  public String toString() {
    return name + " (" + code + ")";
  }
}
