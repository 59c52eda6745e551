package dev.finegrain.workflow.internal.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open-work projection in memory: each member's entries in inbox order, the cases by their first
 * pending deadline, and a count of open stages per workflow and stage. Updates of one case are
 * serialised and never go back to an older version of it; readers take no lock, and a read
 * concurrent with an update of a case may miss that case's entries (as if it had read just before
 * the case's previous append, or just after this one, stage by stage).
 */
final class InMemoryWorkIndex implements WorkIndex {
  private static final Comparator<Due> DUE_ORDER = Comparator.comparing((Due d) -> d.at)
      .thenComparing(d -> d.caseId, WorkEntry::compareCodePoints);

  private static final Comparator<WorkEntry> PENDING_ORDER = Comparator.comparing((WorkEntry e) -> e.validFrom)
      .thenComparing(WorkEntry.ORDER);

  /** Each member's entries that hold now, in inbox order. */
  private final ConcurrentHashMap<String, NavigableSet<WorkEntry>> byMember = new ConcurrentHashMap<>();
  /** Each member's {@linkplain WorkEntry#isPending pending} entries, by the instant they start to hold. */
  private final ConcurrentHashMap<String, NavigableSet<WorkEntry>> pendingByMember = new ConcurrentHashMap<>();
  /** What each case in review has in the index, to replace it at the case's next update. */
  private final ConcurrentHashMap<String, Held> byCase = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>(DUE_ORDER);
  /** Open stages per workflow, stage and roles; the keys are the canonical instances the cases hold. */
  private final ConcurrentHashMap<StageKey, AtomicLong> open = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<StageKey, StageKey> stageKeys = new ConcurrentHashMap<>();

  private record Due(Instant at, String caseId) {}

  private record StageKey(String workflowId, String stageId, List<String> roles) {}

  /** A case's part of the index, kept compact: one of these per case in review. */
  private static final class Held {
    final long version;
    final WorkEntry[] entries;
    final StageKey[] stages;
    final Instant dueAt;

    Held(long version, WorkEntry[] entries, StageKey[] stages, Instant dueAt) {
      this.version = version;
      this.entries = entries;
      this.stages = stages;
      this.dueAt = dueAt;
    }
  }

  /** Whether the index has entries, a deadline or open stages of case {@code caseId}. */
  boolean holds(String caseId) {
    return byCase.containsKey(caseId);
  }

  /** Replaces case {@code work.caseId()}'s projection with {@code work}, unless a newer one is in. */
  void update(CaseWork work) {
    byCase.compute(work.caseId(), (caseId, old) -> {
      if (old != null && old.version >= work.version()) {
        return old;
      }
      WorkEntry[] entries = work.entries().toArray(new WorkEntry[0]);
      StageKey[] stages = new StageKey[work.stages().size()];
      for (int i = 0; i < stages.length; i++) {
        CaseWork.OpenStage stage = work.stages().get(i);
        StageKey key = new StageKey(stage.workflowId(), stage.stageId(), stage.roles());
        stages[i] = stageKeys.computeIfAbsent(key, k -> k);
      }
      boolean none = entries.length == 0 && stages.length == 0 && work.dueAt() == null;
      if (old != null && Arrays.equals(old.entries, entries) && Arrays.equals(old.stages, stages)
          && Objects.equals(old.dueAt, work.dueAt())) {
        return none ? null : new Held(work.version(), old.entries, old.stages, old.dueAt);  // a comment, say
      }
      if (old != null) {
        Set<WorkEntry> kept = Set.of(entries.length == 0 ? new WorkEntry[0] : distinct(entries));
        for (WorkEntry entry : old.entries) {
          if (!kept.contains(entry)) {
            setOf(entry, false).remove(entry);
          }
        }
        if (old.dueAt != null) {
          due.remove(new Due(old.dueAt, caseId));
        }
        for (StageKey stage : old.stages) {
          AtomicLong count = open.get(stage);
          if (count != null) {
            count.decrementAndGet();
          }
        }
      }
      // after the removals: the sets compare entries by inbox order, so an entry changed in place
      // (an escalation recorded, say) must go before its successor comes in
      for (WorkEntry entry : entries) {
        setOf(entry, true).add(entry);
      }
      if (work.dueAt() != null) {
        due.add(new Due(work.dueAt(), caseId));
      }
      for (StageKey stage : stages) {
        open.computeIfAbsent(stage, k -> new AtomicLong()).incrementAndGet();
      }
      return none ? null : new Held(work.version(), entries, stages, work.dueAt());
    });
  }

  private static WorkEntry[] distinct(WorkEntry[] entries) {
    return Arrays.stream(entries).distinct().toArray(WorkEntry[]::new);
  }

  private NavigableSet<WorkEntry> setOf(WorkEntry entry, boolean create) {
    ConcurrentHashMap<String, NavigableSet<WorkEntry>> sets = entry.isPending() ? pendingByMember : byMember;
    if (!create) {
      NavigableSet<WorkEntry> set = sets.get(entry.memberId);
      return set != null ? set : java.util.Collections.emptyNavigableSet();
    }
    return sets.computeIfAbsent(entry.memberId,
        m -> new ConcurrentSkipListSet<>(entry.isPending() ? PENDING_ORDER : WorkEntry.ORDER));
  }

  @Override
  public List<WorkEntry> inbox(String memberId, Instant at, WorkEntry after, int limit) {
    List<WorkEntry> out = new ArrayList<>(Math.min(limit, 64));
    NavigableSet<WorkEntry> entries = byMember.get(memberId);
    if (entries != null) {
      for (WorkEntry entry : after == null ? entries : entries.tailSet(after, false)) {
        if (entry.validAt(at)) {
          out.add(entry);
          if (out.size() == limit) {
            break;
          }
        }
      }
    }
    NavigableSet<WorkEntry> pending = pendingByMember.get(memberId);
    if (pending != null) {  // the entries that started to hold by now: as many as the escalations due
      boolean added = false;
      for (WorkEntry entry : pending) {
        if (entry.validFrom.isAfter(at)) {
          break;
        }
        if (entry.validAt(at) && (after == null || WorkEntry.ORDER.compare(entry, after) > 0)) {
          out.add(entry);
          added = true;
        }
      }
      if (added) {
        out.sort(WorkEntry.ORDER);
        if (out.size() > limit) {
          out.subList(limit, out.size()).clear();
        }
      }
    }
    return out;
  }

  @Override
  public Map<String, Instant> dueBy(Instant at, int limit) {
    Map<String, Instant> out = new LinkedHashMap<>();
    for (Due d : due) {
      if (d.at.isAfter(at) || out.size() == limit) {
        break;
      }
      out.putIfAbsent(d.caseId, d.at);
    }
    return out;
  }

  @Override
  public List<StageCount> openStages() {
    Map<StageKey, Long> totals = new LinkedHashMap<>();
    open.forEach((key, count) -> {
      long n = count.get();
      if (n > 0) {
        totals.merge(key, n, Long::sum);
      }
    });
    List<StageCount> out = new ArrayList<>();
    totals.forEach((key, n) -> out.add(new StageCount(key.workflowId(), key.stageId(), key.roles(), n)));
    out.sort(Comparator.comparing(StageCount::workflowId, WorkEntry::compareCodePoints)
        .thenComparing(StageCount::stageId, WorkEntry::compareCodePoints));
    return out;
  }
}
