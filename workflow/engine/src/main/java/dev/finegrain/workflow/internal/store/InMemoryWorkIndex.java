package dev.finegrain.workflow.internal.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open-work projection in memory: each member's entries in inbox order, the cases by their first
 * pending deadline, and a count of open stages per workflow and stage. Updates are serialised (by
 * this index's lock) and never go back to an older version of a case; readers take no lock, and a
 * read concurrent with an update of a case may miss the entries the update changes, but not one it
 * leaves as it was in a stage whose shared fields stay (a member's entry while others vote).
 *
 * <p>Kept compact, since every open case in review has its part here: what the entries of one
 * stage share (case, stage, since, deadlines) is one {@link StageWork}, which is itself the entry
 * of each member who votes in it for themselves, in their inbox as one array slot of a
 * {@link ChunkedSortedSet}; it records those members as bits of a table of the members seen. Only
 * the rarer entries with a rank, a principal or a window of validity (delegates, escalation
 * holders) are objects of their own ({@link Grant}). A case's stages are found by its id in a
 * {@link KeyedTable} for its next update. {@link WorkEntry}s are made when an inbox is read.
 */
final class InMemoryWorkIndex implements WorkIndex {
  /** Elements per chunk of a member's inbox, of the pending entries and of the deadlines. */
  static final int CHUNK = 64;
  /** Members that get a bit of {@link StageWork#voters}; others are listed in {@link StageWork#others}. */
  private static final int BITS = 64;

  /** {@link WorkEntry#ORDER} over inbox slots. */
  static final Comparator<Slot> SLOT_ORDER = (a, b) -> {
    StageWork x = a.stage();
    StageWork y = b.stage();
    if (x != y) {
      int c = InstantKey.compare(x.sinceKey, x.since, y.sinceKey, y.since);
      if (c == 0) {
        c = CodePointKey.compare(x.key0, x.key1, x.caseId, y.key0, y.key1, y.caseId);
      }
      if (c == 0) {
        c = WorkEntry.compareCodePoints(x.part.stageId(), y.part.stageId());
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.rank(), b.rank());
  };

  private static final Comparator<Slot> PENDING_ORDER = (a, b) -> {
    int c = ((Grant) a).validFrom.compareTo(((Grant) b).validFrom);
    return c != 0 ? c : SLOT_ORDER.compare(a, b);
  };

  private static final Comparator<StageWork> DUE_ORDER = (a, b) -> {
    int c = a.caseDueAt.compareTo(b.caseDueAt);
    return c != 0 ? c : CodePointKey.compare(a.key0, a.key1, a.caseId, b.key0, b.key1, b.caseId);
  };

  private final int chunk;
  /** Each member's entries that hold now, in inbox order. */
  private final ConcurrentHashMap<String, ChunkedSortedSet<Slot>> byMember = new ConcurrentHashMap<>();
  /** Each member's {@linkplain WorkEntry#isPending pending} entries, by the instant they start to hold. */
  private final ConcurrentHashMap<String, ChunkedSortedSet<Slot>> pendingByMember = new ConcurrentHashMap<>();
  /** The cases with a deadline, by it: one stage of each (every stage of a case carries its deadline). */
  private final ChunkedSortedSet<StageWork> due;
  /** Open stages per workflow, stage and roles; the keys are the canonical instances the cases hold. */
  private final ConcurrentHashMap<StageKey, AtomicLong> open = new ConcurrentHashMap<>();

  // guarded by this
  /** What each case in review has in the index (a StageWork, or a StageWork[] of two or more), to replace it. */
  private final KeyedTable<Object> byCase = new KeyedTable<>(InMemoryWorkIndex::caseIdOf);
  private final Map<StageKey, StageKey> stageKeys = new HashMap<>();
  private final Map<Part, Part> parts = new HashMap<>();
  private final Map<String, Integer> bitOf = new HashMap<>();
  private final String[] bitMembers = new String[BITS];

  /** An empty index. */
  InMemoryWorkIndex() {
    this(CHUNK);
  }

  /** An empty index whose sorted sets have chunks of {@code chunk} elements (small ones in tests). */
  InMemoryWorkIndex(int chunk) {
    this.chunk = chunk;
    this.due = new ChunkedSortedSet<>(DUE_ORDER, chunk);
  }

  private record StageKey(String workflowId, String stageId, List<String> roles) {}

  /** What every case's entries of a stage share; canonical, one per stage of a workflow. */
  private record Part(String stageId, String stageName, StageKey key) {}

  /** A stage's deadlines, when it has one. */
  private record Deadlines(Instant escalatesAt, Instant expiresAt) {}

  /** An element of a member's inbox: the order of {@link WorkEntry#ORDER}. */
  abstract static sealed class Slot permits StageWork, Grant {
    abstract StageWork stage();

    abstract int rank();
  }

  /**
   * One open stage of a case with what its entries share, and the entry (rank 0, for themselves,
   * always valid) of each member in {@link #voters} and of each member listed in {@link #others}.
   * A stage of a case with no entries (only counted) has no {@link #since}; a case with a deadline
   * and no stage has one with no {@link #part} either.
   */
  static final class StageWork extends Slot {
    /** The case's version, as of which the index holds the case; guarded by the index's lock. */
    int version;
    final String caseId;
    /** {@link #caseId}'s {@link CodePointKey}: most comparisons of case ids end here. */
    final long key0;
    final long key1;
    final Part part;
    final Instant since;
    /** {@link #since}'s {@link InstantKey}. */
    final long sinceKey;
    final Instant caseDueAt;
    final Deadlines deadlines;
    /**
     * Bit i: the member of bit i has an entry for themselves. Guarded by the index's lock and read by
     * no reader, so that an update can change a stage's members and keep its slots.
     */
    long voters;
    /** Null, or the other members with an entry for themselves (String) and the grants (Grant); as {@link #voters}. */
    Object[] others;

    StageWork(int version, String caseId, Part part, Instant since, Instant caseDueAt, Deadlines deadlines,
        long voters, Object[] others) {
      this.version = version;
      this.caseId = caseId;
      this.key0 = CodePointKey.word(caseId, 0);
      this.key1 = CodePointKey.word(caseId, 1);
      this.part = part;
      this.since = since;
      this.sinceKey = InstantKey.of(since);
      this.caseDueAt = caseDueAt;
      this.deadlines = deadlines;
      this.voters = voters;
      this.others = others;
    }

    @Override
    StageWork stage() {
      return this;
    }

    @Override
    int rank() {
      return 0;
    }

    /**
     * Whether {@code o} is the same stage with the same shared fields, so that each member's entry
     * in it sorts and reads the same: it may differ from this only in its members.
     */
    boolean sameSharedAs(StageWork o) {
      return caseId.equals(o.caseId) && part == o.part && Objects.equals(since, o.since)
          && Objects.equals(caseDueAt, o.caseDueAt) && Objects.equals(deadlines, o.deadlines);
    }
  }

  /** An entry with a rank, a principal or a window of validity: a delegate's, an escalation holder's. */
  static final class Grant extends Slot {
    final StageWork stage;
    final String memberId;
    final int rank;
    final String onBehalfOf;
    final Instant validFrom;
    final Instant validUntil;

    Grant(StageWork stage, String memberId, int rank, String onBehalfOf, Instant validFrom, Instant validUntil) {
      this.stage = stage;
      this.memberId = memberId;
      this.rank = rank;
      this.onBehalfOf = onBehalfOf;
      this.validFrom = validFrom;
      this.validUntil = validUntil;
    }

    @Override
    StageWork stage() {
      return stage;
    }

    @Override
    int rank() {
      return rank;
    }

    boolean validAt(Instant at) {
      return (validFrom == null || !at.isBefore(validFrom)) && (validUntil == null || at.isBefore(validUntil));
    }

    /** {@link WorkEntry#isPending()}. */
    boolean isPending() {
      return validFrom != null && stage.caseDueAt != null && !validFrom.isBefore(stage.caseDueAt);
    }

    boolean sameAs(Grant o) {
      return memberId.equals(o.memberId) && rank == o.rank && Objects.equals(onBehalfOf, o.onBehalfOf)
          && Objects.equals(validFrom, o.validFrom) && Objects.equals(validUntil, o.validUntil);
    }
  }

  private static String caseIdOf(Object held) {
    return held instanceof StageWork s ? s.caseId : ((StageWork[]) held)[0].caseId;
  }

  private static StageWork[] stagesOf(Object held) {
    return held == null ? new StageWork[0] : held instanceof StageWork s ? new StageWork[] {s} : (StageWork[]) held;
  }

  /** Whether the index has entries, a deadline or open stages of case {@code caseId}. */
  synchronized boolean holds(String caseId) {
    return byCase.get(caseId) != null;
  }

  /**
   * Replaces case {@code work.caseId()}'s projection with {@code work}, unless a newer one is in.
   *
   * @throws IllegalArgumentException if an entry is of another case, or has another deadline than the case's,
   *     or if the version is past {@link Integer#MAX_VALUE} (an in-memory log's limit)
   */
  synchronized void update(CaseWork work) {
    updateAll(List.of(work));
  }

  /**
   * Replaces the projection of each case of {@code works}, one per case, as {@link #update} one by
   * one would (a second projection of a case would stage the removal of entries the batch has not
   * added yet, and they would stay; a drain takes each case's mark once). The entries leave and
   * enter each sorted set in that set's order, every removal of the batch before every addition: a
   * drain of thousands of cases then walks each set once from its start
   * ({@link ChunkedSortedSet#addAll}), searching its chunks once per chunk it reaches, where cases
   * one by one would each search it from its top (at a million open cases, a cache miss per step).
   */
  synchronized void updateAll(Collection<CaseWork> works) {
    Changes changes = new Changes();
    for (CaseWork work : works) {
      stage(work, changes);
    }
    changes.apply(due);
  }

  /** What a batch of updates removes from and adds to each sorted set, applied in each set's order. */
  private static final class Changes {
    final Map<ChunkedSortedSet<Slot>, List<Slot>> removed = new IdentityHashMap<>();
    final Map<ChunkedSortedSet<Slot>, List<Slot>> added = new IdentityHashMap<>();
    final List<StageWork> dueRemoved = new ArrayList<>();
    final List<StageWork> dueAdded = new ArrayList<>();

    void put(ChunkedSortedSet<Slot> set, Slot slot, boolean add) {
      (add ? added : removed).computeIfAbsent(set, k -> new ArrayList<>()).add(slot);
    }

    void apply(ChunkedSortedSet<StageWork> due) {
      removed.forEach((set, slots) -> {
        slots.sort(set.order());
        set.removeAll(slots);
      });
      dueRemoved.sort(DUE_ORDER);
      due.removeAll(dueRemoved);
      // after the removals: the sets compare entries by inbox order, so an entry changed in place
      // (an escalation recorded, say) must go before its successor comes in
      added.forEach((set, slots) -> {
        slots.sort(set.order());
        set.addAll(slots);
      });
      dueAdded.sort(DUE_ORDER);
      due.addAll(dueAdded);
    }
  }

  private void stage(CaseWork work, Changes changes) {
    String caseId = work.caseId();
    Object held = byCase.get(caseId);
    StageWork[] old = stagesOf(held);
    if (old.length > 0 && old[0].version >= work.version()) {
      return;
    }
    if (work.version() != (int) work.version()) {
      throw new IllegalArgumentException("version " + work.version() + " of case " + caseId + " is past "
          + Integer.MAX_VALUE + ", the most the in-memory open-work index keeps (an in-memory log's limit)");
    }
    int version = (int) work.version();
    StageWork[] next = build(work, version);
    // a stage whose shared fields stay keeps its StageWork, and so the slots of the members who stay
    // in it: readers never miss them while others vote (only the members who come or go change)
    StageWork[] from = new StageWork[next.length];
    Object[][] others = new Object[next.length][];
    boolean[] kept = new boolean[old.length];
    for (int i = 0; i < next.length; i++) {
      for (int j = 0; j < old.length; j++) {
        if (!kept[j] && next[i].sameSharedAs(old[j])) {
          kept[j] = true;
          from[i] = old[j];
          others[i] = carried(old[j], next[i]);
          break;
        }
      }
    }
    for (int i = 1; i < next.length; i++) {
      if (from[i] != null && from[i] == old[0]) {  // the stage in the deadlines stays there
        swap(next, 0, i);
        swap(from, 0, i);
        swap(others, 0, i);
      }
    }
    StageWork oldDue = old.length > 0 && old[0].caseDueAt != null ? old[0] : null;
    StageWork first = next.length == 0 ? null : from[0] != null ? from[0] : next[0];
    StageWork newDue = first != null && first.caseDueAt != null ? first : null;
    // removals first: the sets compare entries by inbox order, so an entry changed in place (an
    // escalation recorded, say) must go before its successor comes in
    for (int j = 0; j < old.length; j++) {
      if (!kept[j]) {
        place(old[j], false, changes);
      }
    }
    for (int i = 0; i < next.length; i++) {
      if (from[i] != null) {
        placeMembers(from[i], from[i].voters & ~next[i].voters, from[i].others, others[i], false, changes);
      }
    }
    if (oldDue != null && oldDue != newDue) {
      changes.dueRemoved.add(oldDue);
    }
    for (int i = 0; i < next.length; i++) {
      if (from[i] == null) {
        place(next[i], true, changes);
      } else {
        placeMembers(from[i], next[i].voters & ~from[i].voters, others[i], from[i].others, true, changes);
        from[i].voters = next[i].voters;
        from[i].others = others[i];
        from[i].version = version;
        next[i] = from[i];
      }
    }
    if (newDue != null && oldDue != newDue) {
      changes.dueAdded.add(newDue);
    }
    if (next.length == 0) {
      byCase.remove(caseId);
    } else {
      byCase.put(next.length == 1 ? next[0] : next);
    }
  }

  private static void swap(Object[] a, int i, int j) {
    Object t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /**
   * What {@code next}'s others (members past the bits, grants) are as {@code stage}'s: {@code stage}'s
   * own grants where they stay, new ones of {@code stage} for the others.
   */
  private static Object[] carried(StageWork stage, StageWork next) {
    if (next.others == null) {
      return null;
    }
    Object[] out = next.others.clone();
    boolean[] used = new boolean[stage.others == null ? 0 : stage.others.length];
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof Grant g) {
        Grant carried = null;
        for (int j = 0; j < used.length && carried == null; j++) {
          if (!used[j] && stage.others[j] instanceof Grant h && h.sameAs(g)) {
            used[j] = true;
            carried = h;
          }
        }
        out[i] = carried != null ? carried : new Grant(stage, g.memberId, g.rank, g.onBehalfOf, g.validFrom,
            g.validUntil);
      }
    }
    return out;
  }

  /** Adds or removes {@code stage}'s entries and its count. */
  private void place(StageWork stage, boolean add, Changes changes) {
    placeMembers(stage, stage.voters, stage.others, null, add, changes);
    if (stage.part != null && stage.part.key() != null) {
      AtomicLong count = open.computeIfAbsent(stage.part.key(), k -> new AtomicLong());
      if (add) {
        count.incrementAndGet();
      } else {
        count.decrementAndGet();
      }
    }
  }

  /**
   * Adds or removes the entries in {@code stage} of the members of bits {@code bits} and of the
   * others in {@code these} but not in {@code butNot} (either may be null).
   */
  private void placeMembers(StageWork stage, long bits, Object[] these, Object[] butNot, boolean add,
      Changes changes) {
    for (; bits != 0; bits &= bits - 1) {
      placeIn(byMember, bitMembers[Long.numberOfTrailingZeros(bits)], stage, add, changes);
    }
    if (these != null) {
      for (Object other : these) {
        if (butNot != null && Arrays.asList(butNot).contains(other)) {
          continue;
        }
        if (other instanceof Grant g) {
          placeIn(g.isPending() ? pendingByMember : byMember, g.memberId, g, add, changes);
        } else {
          placeIn(byMember, (String) other, stage, add, changes);
        }
      }
    }
  }

  private void placeIn(ConcurrentHashMap<String, ChunkedSortedSet<Slot>> sets, String memberId, Slot slot,
      boolean add, Changes changes) {
    if (add) {
      changes.put(sets.computeIfAbsent(memberId,
          m -> new ChunkedSortedSet<>(sets == pendingByMember ? PENDING_ORDER : SLOT_ORDER, chunk)), slot, true);
    } else {
      ChunkedSortedSet<Slot> set = sets.get(memberId);
      if (set != null) {
        changes.put(set, slot, false);
      }
    }
  }


  /** The case's stages as this index keeps them: entries grouped by what they share. */
  private StageWork[] build(CaseWork work, int version) {
    String caseId = work.caseId();
    Instant dueAt = work.dueAt();
    List<Group> groups = new ArrayList<>();
    for (WorkEntry e : work.entries()) {
      if (!e.caseId.equals(caseId)) {
        throw new IllegalArgumentException("entry " + e + " is of case " + e.caseId + ", not " + caseId);
      }
      if (!Objects.equals(e.caseDueAt, dueAt)) {
        throw new IllegalArgumentException("entry " + e + " has case deadline " + e.caseDueAt + ", not the case's "
            + dueAt);
      }
      Group group = null;
      for (Group g : groups) {
        if (g.holds(e)) {
          group = g;
          break;
        }
      }
      if (group == null) {
        group = new Group(e.stageId, e.stageName, e.since, e.escalatesAt, e.expiresAt);
        groups.add(group);
      }
      group.entries.add(e);
    }
    for (CaseWork.OpenStage stage : work.stages()) {
      StageKey key = stageKeys.computeIfAbsent(new StageKey(stage.workflowId(), stage.stageId(), stage.roles()),
          k -> k);
      Group group = null;
      for (Group g : groups) {
        if (g.key == null && g.stageId.equals(stage.stageId())) {
          group = g;
          break;
        }
      }
      if (group == null) {
        group = new Group(stage.stageId(), "", null, null, null);
        groups.add(group);
      }
      group.key = key;
    }
    if (groups.isEmpty() && dueAt != null) {
      groups.add(new Group(null, null, null, null, null));
    }
    StageWork[] out = new StageWork[groups.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = groups.get(i).toStage(this, version, caseId, dueAt);
    }
    return out;
  }

  /** One stage's entries while a case's update is built. */
  private static final class Group {
    final String stageId;
    final String stageName;
    final Instant since;
    final Instant escalatesAt;
    final Instant expiresAt;
    final List<WorkEntry> entries = new ArrayList<>();
    StageKey key;

    Group(String stageId, String stageName, Instant since, Instant escalatesAt, Instant expiresAt) {
      this.stageId = stageId;
      this.stageName = stageName;
      this.since = since;
      this.escalatesAt = escalatesAt;
      this.expiresAt = expiresAt;
    }

    boolean holds(WorkEntry e) {
      return e.stageId.equals(stageId) && e.stageName.equals(stageName) && e.since.equals(since)
          && Objects.equals(e.escalatesAt, escalatesAt) && Objects.equals(e.expiresAt, expiresAt);
    }

    StageWork toStage(InMemoryWorkIndex index, int version, String caseId, Instant dueAt) {
      Part part = stageId == null ? null : index.parts.computeIfAbsent(new Part(stageId, stageName, key), p -> p);
      long voters = 0;
      List<Object> others = new ArrayList<>();
      for (WorkEntry e : entries) {
        if (e.rank == 0 && e.onBehalfOf == null && e.validFrom == null && e.validUntil == null) {
          int bit = index.bit(e.memberId);
          if (bit >= 0) {
            voters |= 1L << bit;
          } else if (!others.contains(e.memberId)) {
            others.add(e.memberId);
          }
        } else {
          others.add(e);
        }
      }
      Deadlines deadlines = escalatesAt == null && expiresAt == null ? null : new Deadlines(escalatesAt, expiresAt);
      Object[] rest = others.isEmpty() ? null : others.toArray();
      StageWork stage = new StageWork(version, caseId, part, since, dueAt, deadlines, voters, rest);
      if (rest != null) {
        for (int i = 0; i < rest.length; i++) {
          if (rest[i] instanceof WorkEntry e) {
            rest[i] = new Grant(stage, e.memberId, e.rank, e.onBehalfOf, e.validFrom, e.validUntil);
          }
        }
      }
      return stage;
    }
  }

  /** Member {@code memberId}'s bit, given at first sight while bits remain; -1 past them. */
  private int bit(String memberId) {
    Integer bit = bitOf.get(memberId);
    if (bit == null) {
      int next = bitOf.size();
      if (next >= BITS) {
        return -1;
      }
      bitOf.put(memberId, next);
      bitMembers[next] = memberId;
      return next;
    }
    return bit;
  }

  private static WorkEntry entryOf(String memberId, Slot slot) {
    StageWork s = slot.stage();
    Instant escalatesAt = s.deadlines == null ? null : s.deadlines.escalatesAt();
    Instant expiresAt = s.deadlines == null ? null : s.deadlines.expiresAt();
    if (slot instanceof Grant g) {
      return new WorkEntry(g.memberId, s.caseId, s.part.stageId(), g.rank, s.part.stageName(), s.since, escalatesAt,
          expiresAt, g.onBehalfOf, g.validFrom, g.validUntil, s.caseDueAt);
    }
    return new WorkEntry(memberId, s.caseId, s.part.stageId(), 0, s.part.stageName(), s.since, escalatesAt, expiresAt,
        null, null, null, s.caseDueAt);
  }

  /** A slot that sorts as {@code entry}, to walk from. */
  private static Slot probe(WorkEntry entry) {
    StageWork stage = new StageWork(0, entry.caseId, new Part(entry.stageId, "", null), entry.since, null, null, 0,
        null);
    return new Grant(stage, entry.memberId, entry.rank, null, null, null);
  }

  @Override
  public List<WorkEntry> inbox(String memberId, Instant at, WorkEntry after, int limit) {
    List<WorkEntry> out = new ArrayList<>(Math.min(limit, 64));
    ChunkedSortedSet<Slot> entries = byMember.get(memberId);
    if (entries != null) {
      ChunkedSortedSet.Cursor<Slot> cursor = entries.after(after == null ? null : probe(after));
      for (Slot slot = cursor.next(); slot != null; slot = cursor.next()) {
        if (!(slot instanceof Grant g) || g.validAt(at)) {
          out.add(entryOf(memberId, slot));
          if (out.size() == limit) {
            break;
          }
        }
      }
    }
    ChunkedSortedSet<Slot> pending = pendingByMember.get(memberId);
    if (pending != null) {  // the entries that started to hold by now: as many as the escalations due
      boolean added = false;
      ChunkedSortedSet.Cursor<Slot> cursor = pending.after(null);
      for (Slot slot = cursor.next(); slot != null; slot = cursor.next()) {
        Grant g = (Grant) slot;
        if (g.validFrom.isAfter(at)) {
          break;
        }
        if (g.validAt(at)) {
          WorkEntry entry = entryOf(memberId, g);
          if (after == null || WorkEntry.ORDER.compare(entry, after) > 0) {
            out.add(entry);
            added = true;
          }
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
    ChunkedSortedSet.Cursor<StageWork> cursor = due.after(null);
    for (StageWork d = cursor.next(); d != null; d = cursor.next()) {
      if (d.caseDueAt.isAfter(at) || out.size() == limit) {
        break;
      }
      out.putIfAbsent(d.caseId, d.caseDueAt);
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
