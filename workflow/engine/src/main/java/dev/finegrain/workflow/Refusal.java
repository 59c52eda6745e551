package dev.finegrain.workflow;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * Why a command was refused: a typed {@link #reason()} and a readable {@link #message()} naming the
 * actor, the stage or the rule, such as {@code ana may not review case listing-42: she submitted it}.
 * A refusal is a value, not an exception; it leaves the case unchanged.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRefusal.class)
@JsonDeserialize(as = ImmutableRefusal.class)
public abstract class Refusal {
  Refusal() {}

  /** {@return the kind of refusal, for a platform to act on} */
  @Value.Parameter
  public abstract RefusalReason reason();

  /** {@return the refusal in words, naming the actor, the stage or the rule} */
  @Value.Parameter
  public abstract String message();

  /**
   * A refusal for {@code reason}, with a message formatted like {@link String#format}.
   *
   * @param reason the reason
   * @param format the message, a {@link String#format} pattern if {@code args} are given
   * @param args the arguments of {@code format}
   * @return a refusal for {@code reason}, with a message formatted like {@link String#format}
   */
  public static Refusal of(RefusalReason reason, String format, Object... args) {
    return ImmutableRefusal.of(reason, args.length == 0 ? format : String.format(format, args));
  }

  /** {@code NOT_ELIGIBLE: ...}. */
  @Override
  public String toString() {
    return reason() + ": " + message();
  }
}
