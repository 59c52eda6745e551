package dev.finegrain.workflow.testing;

import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores that break the contract, each in one way, for {@link BrokenStoresFailTheContractTest}; their
 * names match no test pattern, so the build runs them only through that test.
 */
final class BrokenStores {
  private BrokenStores() {}

  /** Appends whatever the expected version: a lost update waiting to happen. */
  static final class NoVersionCheck extends EventStoreContract {
    @Override
    protected EventStore newStore() {
      ListEventStore inner = new ListEventStore();
      return new Forwarding(inner) {
        @Override
        public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
          return inner.append(caseId, inner.load(caseId).size(), renumbered(events, inner.load(caseId).size()));
        }
      };
    }
  }

  /** Keeps only the first event of each batch. */
  static final class DropsEvents extends EventStoreContract {
    @Override
    protected EventStore newStore() {
      ListEventStore inner = new ListEventStore();
      return new Forwarding(inner) {
        @Override
        public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
          return inner.append(caseId, expectedVersion, events.isEmpty() ? events : events.subList(0, 1));
        }
      };
    }
  }

  /** Lists case ids in no particular order. */
  static final class UnorderedCaseIds extends EventStoreContract {
    @Override
    protected EventStore newStore() {
      ListEventStore inner = new ListEventStore();
      return new Forwarding(inner) {
        @Override
        public List<String> caseIds() {
          return inner.caseIds().stream().sorted().toList();
        }
      };
    }
  }

  /** Every event of {@code events} with its sequence moved to follow {@code version} (hashes left as they are). */
  private static List<RecordedEvent> renumbered(List<RecordedEvent> events, long version) {
    List<RecordedEvent> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent e = events.get(i);
      if (e.sequence() == version + 1 + i) {
        out.add(e);
      } else {
        Commented comment = (Commented) e.event();
        out.add(RecordedEvent.of(Commented.builder().from(comment)
            .sequence(version + 1 + i).build(), e.commandId(), e.previousHash(), e.hash()));
      }
    }
    return out;
  }

  /** A store that does what {@code inner} does unless told otherwise. */
  private static class Forwarding implements EventStore {
    private final EventStore inner;

    Forwarding(EventStore inner) {
      this.inner = inner;
    }

    @Override
    public List<RecordedEvent> load(String caseId) {
      return inner.load(caseId);
    }

    @Override
    public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
      return inner.append(caseId, expectedVersion, events);
    }

    @Override
    public List<String> caseIds() {
      return inner.caseIds();
    }
  }
}
