package dev.finegrain.workflow.internal.store;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Readers of the in-memory open-work index while its writer updates a case: an entry that every
 * projection of the case has (a member's own vote, a delegate's) is in its member's inbox at every
 * read, and the case's deadline is due at every read, while other members of the stage come and go.
 */
class InMemoryWorkIndexReadersTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant DUE = T0.plus(Duration.ofHours(1));
  private static final Instant LATER = T0.plus(Duration.ofHours(2));

  @Test
  void entriesAndDeadlinesThatStayAreNeverMissedWhileOthersInTheStageComeAndGo() throws Exception {
    // given a stage where lin votes for herself and tang for chen throughout, and wang comes and goes
    InMemoryWorkIndex index = new InMemoryWorkIndex(4);
    index.update(work(1));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<String> miss = new AtomicReference<>();
    CountDownLatch reading = new CountDownLatch(1);
    int[] reads = new int[1];
    Thread reader = new Thread(() -> {
      while (writing.get() && miss.get() == null) {
        for (String member : List.of("lin", "tang")) {
          if (index.inbox(member, T0, null, 10).size() != 1) {
            miss.compareAndSet(null, member + "'s entry missed at read " + reads[0]);
          }
        }
        if (!index.dueBy(LATER, 10).containsKey("case-1")) {
          miss.compareAndSet(null, "the deadline missed at read " + reads[0]);
        }
        reads[0]++;
        reading.countDown();
      }
    });
    // when the writer updates the case meanwhile, wang's vote in and out
    reader.start();
    reading.await();
    for (int version = 2; version <= 200_000 && miss.get() == null; version++) {
      index.update(work(version));
    }
    writing.set(false);
    reader.join();
    // then no read missed them
    assertNull(miss.get());
  }

  /** Version {@code version} of case-1: wang's own vote in odd versions only. */
  private static CaseWork work(int version) {
    List<WorkEntry> entries = new ArrayList<>();
    for (String member : version % 2 == 1 ? List.of("chen", "lin", "wang") : List.of("chen", "lin")) {
      entries.add(new WorkEntry(member, "case-1", "copy", 0, "Copy review", T0, DUE, null, null, null, null, DUE));
    }
    entries.add(new WorkEntry("tang", "case-1", "copy", 1, "Copy review", T0, DUE, null, "chen", null,
        T0.plus(Duration.ofDays(1)), DUE));
    entries.sort(WorkEntry.ORDER);
    return new CaseWork("case-1", version, entries, List.of(new CaseWork.OpenStage("wf", "copy", List.of("copy"))),
        DUE);
  }
}
