package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.testing.Gens;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The in-memory store's growable per-case logs behave as the list of every event appended so far:
 * compare-and-append against a plain list per case, every list loaded earlier unchanged by later
 * appends, case ids in the order of their first append.
 */
class InMemoryEventStoreProperties {
  /** Append {@code size} events to case {@code caseIndex}, claiming the case is at its version plus {@code skew}. */
  record Append(int caseIndex, int size, int skew) {}

  @Test
  void logsEqualTheListsOfEverythingAppended() {
    qt().forAll(appends()).checkAssert(InMemoryEventStoreProperties::logsEqualTheListsOfEverythingAppended);
  }

  private static void logsEqualTheListsOfEverythingAppended(List<Append> appends) {
    InMemoryEventStore store = new InMemoryEventStore();
    Map<String, List<RecordedEvent>> model = new LinkedHashMap<>();
    Map<List<RecordedEvent>, List<RecordedEvent>> loadedEarlier = new LinkedHashMap<>();
    for (Append append : appends) {
      String caseId = "case-" + append.caseIndex();
      List<RecordedEvent> expected = model.computeIfAbsent(caseId, id -> new ArrayList<>());
      long claimed = Math.max(0, expected.size() + append.skew());
      List<RecordedEvent> batch = new ArrayList<>();
      Hash previous = expected.isEmpty() ? HashChain.GENESIS : expected.get(expected.size() - 1).hash();
      for (int i = 0; i < append.size(); i++) {
        RecordedEvent event = RecordedEvent.chain(Commented.builder().caseId(caseId).sequence(claimed + 1 + i)
            .at(Fixtures.T0).actor("ma").text("n" + i).build(), "c", previous);
        batch.add(event);
        previous = event.hash();
      }

      boolean appended = store.append(caseId, claimed, batch);

      boolean fits = claimed == expected.size();
      assertEquals(fits, appended, append.toString());
      if (fits) {
        expected.addAll(batch);
      }
      if (expected.isEmpty()) {
        model.remove(caseId);
      }
      List<RecordedEvent> loaded = store.load(caseId);
      assertEquals(expected, loaded);
      assertEquals(expected.hashCode(), loaded.hashCode());
      for (int from = 0; from <= expected.size(); from++) {
        assertEquals(expected.subList(from, expected.size()), store.loadAfter(caseId, from));
      }
      loadedEarlier.put(loaded, List.copyOf(loaded));
    }
    loadedEarlier.forEach((loaded, copy) -> assertEquals(copy, loaded, "a loaded log changed after it was loaded"));
    assertEquals(List.copyOf(model.keySet()), store.caseIds());
  }

  @Test
  void loadedLogsAreImmutable() {
    InMemoryEventStore store = new InMemoryEventStore();
    RecordedEvent first = RecordedEvent.chain(Commented.builder().caseId("c").sequence(1).at(Fixtures.T0).actor("ma")
        .text("x").build(), "c", HashChain.GENESIS);
    store.append("c", 0, List.of(first));
    List<RecordedEvent> log = store.load("c");

    assertThrows(UnsupportedOperationException.class, () -> log.add(first));
    assertThrows(UnsupportedOperationException.class, () -> log.set(0, first));
    assertThrows(IndexOutOfBoundsException.class, () -> log.get(1));
  }

  private static Gen<List<Append>> appends() {
    Gen<Integer> cases = ints(0, 3);
    Gen<Integer> sizes = ints(0, 20);
    Gen<Integer> skews = Gens.mostly(8, Gens.pick(0), ints(-3, 3));
    Gen<Append> one = in -> new Append(cases.generate(in), sizes.generate(in), skews.generate(in));
    return Gens.lists(one, 40);
  }
}
