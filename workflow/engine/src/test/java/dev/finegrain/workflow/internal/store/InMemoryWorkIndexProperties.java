package dev.finegrain.workflow.internal.store;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.testing.Gens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The in-memory open-work index answers as a scan of the latest projection of every case would:
 * after any sequence of projections of several cases (stages opened at the same or different
 * instants, members voting for themselves, escalation holders and delegates with windows of
 * validity, deadlines or none, stages counted without entries, cases leaving review, and stale
 * projections, which are ignored), every member's inbox at instants before, between and after the
 * deadlines, from the start or after any entry, with any limit, the cases due and the open-stage
 * counts equal those of the scan, whether the members have bits or not (60 members seen before),
 * and whether the projections come one at a time or in batches of one per case, as a drain gives.
 * Chunks of 4 elements make the inboxes split and merge chunks.
 */
class InMemoryWorkIndexProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> MEMBERS = List.of("chen", "lin", "zhou", "wang", "li", "ma", "guo", "tang", "he");
  private static final List<String> STAGES = List.of("copy", "image", "manager");
  private static final int CASES = 6;

  @Test
  void answersAsAScanOfTheLatestProjections() {
    qt().forAll(Gens.seeds(), ints(1, 40)).checkAssert(InMemoryWorkIndexProperties::answersAsAScanOfTheLatestProjections);
  }

  private static void answersAsAScanOfTheLatestProjections(long seed, int updates) {
    Random random = new Random(seed);
    InMemoryWorkIndex index = new InMemoryWorkIndex(4);
    int seen = random.nextInt(3) * 30;  // members seen before: with 60, only 4 of these get one of the 64 bits
    if (seen > 0) {
      List<String> before = new ArrayList<>();
      for (int m = 0; m < seen; m++) {
        before.add("seen-" + m);
      }
      index.update(stage("case-seen", 1, before));
      index.update(CaseWork.none("case-seen", 2));
    }
    Map<String, CaseWork> latest = new TreeMap<>();
    boolean batched = random.nextBoolean();  // else one update at a time
    Map<String, CaseWork> pending = new LinkedHashMap<>();
    long[] versions = new long[CASES];
    List<List<Plan>> plans = new ArrayList<>();
    List<int[][]> choices = new ArrayList<>();
    for (int c = 0; c < CASES; c++) {
      plans.add(List.of());
      choices.add(new int[0][]);
    }
    for (int u = 0; u < updates; u++) {
      int c = random.nextInt(CASES);
      String caseId = "case-" + c + (c % 2 == 0 ? "" : "-ü");
      long version = random.nextInt(6) == 0 && versions[c] > 0 ? versions[c] - 1 : ++versions[c];
      if (random.nextInt(3) == 0) {  // else the same stages, as when votes come in
        plans.set(c, randomPlans(random));
        choices.set(c, new int[plans.get(c).size()][MEMBERS.size()]);
      }
      for (int[] stage : choices.get(c)) {
        for (int m = random.nextInt(MEMBERS.size()); m < MEMBERS.size(); m += 1 + random.nextInt(MEMBERS.size())) {
          stage[m] = random.nextInt(5);
        }
      }
      CaseWork work = random.nextInt(8) == 0 ? CaseWork.none(caseId, version)
          : work(random, caseId, version, plans.get(c), choices.get(c));
      if (batched) {  // as a drain: one projection per case, applied together
        if (pending.containsKey(caseId)) {
          index.updateAll(new ArrayList<>(pending.values()));
          pending.clear();
        }
        pending.put(caseId, work);
      } else {
        index.update(work);
      }
      CaseWork before = latest.get(caseId);
      if (before == null || before.version() < work.version()) {
        if (work.entries().isEmpty() && work.stages().isEmpty() && work.dueAt() == null) {
          latest.remove(caseId);
        } else {
          latest.put(caseId, work);
        }
      }
      if (batched && u < updates - 1 && random.nextInt(3) != 0) {
        continue;  // more of the batch to come
      }
      index.updateAll(new ArrayList<>(pending.values()));
      pending.clear();
      for (String caseOf : List.of("case-0", "case-1-ü")) {
        assertEquals(latest.containsKey(caseOf), index.holds(caseOf), () -> "holds " + caseOf);
      }
      sameAnswers(index, latest, random);
    }
  }

  private static void sameAnswers(InMemoryWorkIndex index, Map<String, CaseWork> latest, Random random) {
    List<WorkEntry> all = latest.values().stream().flatMap(w -> w.entries().stream()).collect(Collectors.toList());
    for (Instant at : List.of(T0, T0.plus(Duration.ofHours(random.nextInt(100))), T0.plus(Duration.ofDays(30)))) {
      for (String member : MEMBERS) {
        List<WorkEntry> expected = all.stream().filter(e -> e.memberId.equals(member) && e.validAt(at))
            .sorted(WorkEntry.ORDER).collect(Collectors.toList());
        assertEquals(expected, index.inbox(member, at, null, Integer.MAX_VALUE), () -> member + "'s inbox at " + at);
        int limit = 1 + random.nextInt(3);
        WorkEntry after = expected.isEmpty() || random.nextInt(4) == 0
            ? WorkEntry.after("case-" + random.nextInt(CASES), STAGES.get(random.nextInt(3)),
                T0.plus(Duration.ofMinutes(random.nextInt(4))))
            : expected.get(random.nextInt(expected.size()));
        List<WorkEntry> page = expected.stream().filter(e -> WorkEntry.ORDER.compare(e, after) > 0).limit(limit)
            .collect(Collectors.toList());
        assertEquals(page, index.inbox(member, at, after, limit),
            () -> member + "'s inbox at " + at + " after " + after + ", " + limit + " at most");
      }
      Map<String, Instant> due = new LinkedHashMap<>();
      latest.values().stream().filter(w -> w.dueAt() != null && !w.dueAt().isAfter(at))
          .sorted(Comparator.comparing(CaseWork::dueAt).thenComparing(CaseWork::caseId, WorkEntry::compareCodePoints))
          .limit(3).forEach(w -> due.put(w.caseId(), w.dueAt()));
      assertEquals(due, index.dueBy(at, 3), () -> "due by " + at);
    }
    Map<List<Object>, Long> counts = new TreeMap<>(Comparator.comparing((List<Object> k) -> (String) k.get(0))
        .thenComparing(k -> (String) k.get(1)));
    for (CaseWork w : latest.values()) {
      for (CaseWork.OpenStage s : w.stages()) {
        counts.merge(List.of(s.workflowId(), s.stageId(), s.roles()), 1L, Long::sum);
      }
    }
    List<WorkIndex.StageCount> expected = new ArrayList<>();
    counts.forEach((k, n) -> expected.add(new WorkIndex.StageCount((String) k.get(0), (String) k.get(1),
        castRoles(k.get(2)), n)));
    assertEquals(expected, index.openStages(), "open stages");
  }

  @SuppressWarnings("unchecked")
  private static List<String> castRoles(Object roles) {
    return (List<String>) roles;
  }

  /** A stage of a generated projection. */
  private record Plan(String stageId, Instant since, Instant escalatesAt, Instant expiresAt) {}

  /** Up to three open stages, with or without deadlines. */
  private static List<Plan> randomPlans(Random random) {
    List<String> stageIds = new ArrayList<>(STAGES);
    java.util.Collections.shuffle(stageIds, random);
    List<Plan> plans = new ArrayList<>();
    for (String stageId : stageIds.subList(0, random.nextInt(4))) {
      Instant since = T0.plus(Duration.ofMinutes(random.nextInt(4)));
      Instant escalatesAt = random.nextInt(3) == 0 ? null : since.plus(Duration.ofHours(1 + random.nextInt(48)));
      Instant expiresAt = random.nextInt(3) == 0 ? since.plus(Duration.ofHours(1 + random.nextInt(96))) : null;
      plans.add(new Plan(stageId, since, escalatesAt, expiresAt));
    }
    return plans;
  }

  /**
   * A projection as the engine might compute one, with every kind of entry: per stage and member,
   * choice 2 is a vote for oneself, 3 an escalation holder's entry, 4 a delegate's, others none.
   */
  private static CaseWork work(Random random, String caseId, long version, List<Plan> plans, int[][] choices) {
    String workflowId = caseId.hashCode() % 2 == 0 ? "wf-a" : "wf-b";
    Instant due = null;
    for (Plan p : plans) {
      for (Instant d : new Instant[] {p.escalatesAt(), p.expiresAt()}) {
        if (d != null && (due == null || d.isBefore(due))) {
          due = d;
        }
      }
    }
    List<WorkEntry> entries = new ArrayList<>();
    List<CaseWork.OpenStage> stages = new ArrayList<>();
    for (int s = 0; s < plans.size(); s++) {
      Plan p = plans.get(s);
      for (int m = 0; m < MEMBERS.size(); m++) {
        String member = MEMBERS.get(m);
        switch (choices[s][m]) {
          case 2 -> entries.add(entry(member, caseId, p, 0, null, null, null, due));
          case 3 -> {
            if (p.escalatesAt() != null) {
              entries.add(entry(member, caseId, p, 0, null, p.escalatesAt(), null, due));
            }
          }
          case 4 -> {
            Instant from = random.nextBoolean() ? null : T0.plus(Duration.ofHours(random.nextInt(72)));
            Instant until = random.nextBoolean() ? null
                : (from == null ? T0 : from).plus(Duration.ofHours(1 + random.nextInt(72)));
            entries.add(entry(member, caseId, p, 1 + m, MEMBERS.get((m + 1) % MEMBERS.size()), from, until, due));
          }
          default -> { }
        }
      }
      if (random.nextInt(6) != 0) {
        stages.add(new CaseWork.OpenStage(workflowId, p.stageId(), List.of("role-" + p.stageId())));
      }
    }
    entries.sort(WorkEntry.ORDER);
    return new CaseWork(caseId, version, entries, stages, due);
  }

  private static WorkEntry entry(String member, String caseId, Plan p, int rank, String onBehalfOf,
      Instant validFrom, Instant validUntil, Instant due) {
    return new WorkEntry(member, caseId, p.stageId(), rank, "Stage " + p.stageId(), p.since(), p.escalatesAt(),
        p.expiresAt(), onBehalfOf, validFrom, validUntil, due);
  }

  @Test
  void membersPastTheSixtyFourthSeenHaveTheirEntriesUntilTheCaseLeavesReview() {
    // given a stage with 70 members voting for themselves, then the same stage with 69 of them
    InMemoryWorkIndex index = new InMemoryWorkIndex(4);
    List<String> members = new ArrayList<>();
    for (int m = 0; m < 70; m++) {
      members.add("member-" + m);
    }
    index.update(stage("case-1", 1, members));
    index.update(stage("case-2", 1, members.subList(0, 69)));
    // then each has the stage in their inbox, the last only that of case 1
    for (String member : members) {
      List<WorkEntry> inbox = index.inbox(member, T0, null, 10);
      assertEquals(member.equals("member-69") ? List.of("case-1") : List.of("case-1", "case-2"),
          inbox.stream().map(e -> e.caseId).collect(Collectors.toList()), member);
    }
    // when the cases leave review
    index.update(CaseWork.none("case-1", 2));
    index.update(CaseWork.none("case-2", 2));
    // then no inbox has anything
    for (String member : members) {
      assertTrue(index.inbox(member, T0, null, 10).isEmpty(), member);
    }
    assertFalse(index.holds("case-1"));
    assertTrue(index.openStages().isEmpty());
  }

  @Test
  void refusesAVersionPastIntegerMaxValueNamingIt() {
    InMemoryWorkIndex index = new InMemoryWorkIndex(4);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> index.update(stage("case-1", Integer.MAX_VALUE + 1L, List.of("lin"))));
    assertTrue(e.getMessage().contains("version 2147483648 of case case-1"), e.getMessage());
    assertFalse(index.holds("case-1"));
  }

  private static CaseWork stage(String caseId, long version, List<String> members) {
    List<WorkEntry> entries = members.stream()
        .map(m -> new WorkEntry(m, caseId, "copy", 0, "Copy review", T0, null, null, null, null, null, null))
        .sorted(WorkEntry.ORDER).collect(Collectors.toList());
    return new CaseWork(caseId, version, entries, List.of(new CaseWork.OpenStage("wf", "copy", List.of("copy"))),
        null);
  }
}
