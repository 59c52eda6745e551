package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A case's state survives its snapshot form: every state a random command sequence (the generators
 * of {@link ReviewProperties}) reaches reads back equal from its JSON; a snapshot of another form,
 * or not a snapshot at all, reads as none (the case is then replayed from its events).
 */
class CaseStateJsonProperties {
  @Test
  void everyReachableStateReadsBackEqualFromItsSnapshot() {
    qt().forAll(ReviewProperties.steps(), ints(0, 11)).checkAssert((steps, subject) -> {
      CaseDriver d = CaseDriver.listing();
      d.send(d.submit("chen", ReviewProperties.subject(subject)));
      assertEquals(Optional.of(d.state), CaseStateJson.read(CaseStateJson.write(d.state)));
      for (ReviewProperties.Step step : steps) {
        d.send(ReviewProperties.command(d, step));
        assertEquals(Optional.of(d.state), CaseStateJson.read(CaseStateJson.write(d.state)), () -> "after " + step);
      }
    });
  }

  @Test
  void aSnapshotOfAnotherFormOrNoneAtAllIsIgnored() {
    CaseDriver d = CaseDriver.listing();
    d.send(d.submit("chen", ReviewProperties.subject(0)));
    String json = CaseStateJson.write(d.state);
    assertTrue(json.contains("\"format\":" + CaseStateJson.FORMAT), json);

    for (String other : List.of(json.replace("\"format\":" + CaseStateJson.FORMAT, "\"format\":999"), "{}", "[]",
        "not json", "{\"format\":1,\"caseId\":7}")) {
      assertEquals(Optional.empty(), CaseStateJson.read(other), other);
    }
  }
}
