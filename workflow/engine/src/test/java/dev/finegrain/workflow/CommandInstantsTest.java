package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.workflow.command.Delegate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The instants a command carries are checked when it is built, naming the path. */
class CommandInstantsTest {
  private static final Instant T0 = Fixtures.T0;

  private static Delegate.Builder delegate() {
    return Delegate.builder().commandId("d1").caseId("listing-42").actor("ma").at(T0).from("ma").to("boss");
  }

  @Test
  void aDelegationThatDoesNotEndAfterItStartsIsRefusedWhenBuilt() {
    DefinitionException empty = assertThrows(DefinitionException.class, () -> delegate().validFrom(T0)
        .validUntil(T0).build());
    DefinitionException backwards = assertThrows(DefinitionException.class, () -> delegate()
        .validFrom(T0.plusSeconds(10)).validUntil(T0).build());

    assertEquals(List.of(Problem.of("validUntil", "must be after validFrom (2026-03-02T09:00:00Z), got"
        + " 2026-03-02T09:00:00Z")), empty.problems());
    assertEquals(List.of(Problem.of("validUntil", "must be after validFrom (2026-03-02T09:00:10Z), got"
        + " 2026-03-02T09:00:00Z")), backwards.problems());
    delegate().validFrom(T0).validUntil(T0.plusNanos(1)).build();
  }
}
