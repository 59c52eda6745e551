package dev.finegrain.workflow;

import dev.finegrain.core.Member;
import dev.finegrain.core.Team;
import dev.finegrain.core.internal.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether the stages of {@link ReviewWorkflow#distinctApproverStages()} can all be approved in one
 * case, no member approving two of them, by the members who could ever review them: part of
 * {@link ReviewWorkflow#problemsAgainst(ReviewContext)}. It reports only what no case can do, whoever
 * submits it, so it allows for every approval the engine could count. A stage's approvers are
 * members who could review it (hold one of its roles, are named, or hold its escalation role), not
 * the submitter, and:
 *
 * <ul>
 *   <li>{@link Quorum#any()} and {@link Quorum#atLeast(int)}: that many of them;
 *   <li>{@link Quorum#majority()}: more than half of its reviewers but the submitter, counted
 *       without the escalation (which only raises the count);
 *   <li>{@link Quorum#all()}: every reviewer but the submitter, or, if the submitter is its only
 *       reviewer or it has none, every holder of its escalation role: the engine approves it only
 *       once every member who may vote in it approved. Approvals kept through a resubmission from
 *       members who were eligible only through the escalation do not count once it reopens
 *       un-escalated, so a re-review policy changes nothing here.
 * </ul>
 *
 * The submitter votes nowhere, but lowers what a majority or an all-quorum they review needs, so a
 * workflow that only a member's case can pass (two all-quorum stages sharing one reviewer, who
 * submits) is not reported: which cases stall is the platform's matter then, as with a stage whose
 * only reviewer submits. Every stage without a condition is in every case that can be approved; each
 * stage with a condition is checked with those, for the cases it applies to. Two conditional stages
 * are never checked together, since their conditions may exclude each other. Team changes are not
 * considered, nor reassignments: a lead may move a stage's review in one case from a member to any
 * other but the submitter, which can get a reported case through, so where someone holds the lead
 * role the message says "without a lead reassigning its reviewers" (a definition that needs a lead
 * in every case is still one to fix). Nor is the last-editor rule
 * ({@link ReviewWorkflow#lastEditorMayNotApprove()}, under which neither the editor's approval nor
 * one of theirs kept from an earlier revision counts): a revision's editor may be anyone, someone
 * outside the team included (a submitter who is not a member, by default), and then bars no one. It
 * can miss an impossible set (a majority that could only be reached by escalated members, who then
 * raise it), never report a possible one.
 *
 * <p>Members are grouped by which of the stages they could review (at most 3<sup>stages</sup> groups,
 * and never more than the team's members), and an assignment is a maximum flow from the stages
 * (their needs) through the groups (their sizes), each member approving one stage at most. The work
 * is linear in the team and polynomial in the groups: one flow with an outsider submitting, and one
 * more for each group that could make a difference as the submitter, at most {@value #MOST_SUBMITTERS}
 * (with more, one flow with what every stage needs whoever submits).
 */
final class DistinctApprovers {
  /** How many member ids a message names before it says how many more. */
  private static final int NAMED = 5;
  /** The most groups of members tried as the submitter; see {@link #impossible(BitSet)}. */
  private static final int MOST_SUBMITTERS = 32;

  /**
   * What a stage needs: a number of approvals, a majority of its reviewers, every one of them
   * ({@code ALL_FORCED}), or, in the analysis for any submitter only, as many as its reviewers less
   * one ({@code ALL_COUNTED}).
   */
  private enum Kind { COUNT, MAJORITY, ALL_FORCED, ALL_COUNTED }

  private final List<Stage> stages = new ArrayList<>();
  private final List<Kind> kinds = new ArrayList<>();
  private final List<Group> groups = new ArrayList<>();
  private int[] baseSize;

  /**
   * Members who could review the same of the stages: as their reviewers ({@code base}), and once
   * escalated ({@code candidate}, which holds {@code base}).
   */
  private static final class Group {
    final BitSet base;
    final BitSet candidate;
    final List<Member> members = new ArrayList<>();

    Group(BitSet base, BitSet candidate) {
      this.base = base;
      this.candidate = candidate;
    }
  }

  /** How many members two all-quorum stages share, and the first few of them. */
  private static final class Shared {
    long count;
    final List<Member> first = new ArrayList<>();

    /** Counts {@code size} of {@code members} (the submitter's group has one fewer), naming the first. */
    void add(List<Member> members, int size) {
      count += size;
      for (int i = 0; i < size && first.size() < NAMED; i++) {
        first.add(members.get(i));
      }
    }
  }

  /** Why no case of a set of stages can be approved. */
  private static final class Impossible {
    /** Pairs of all-quorum stages ({@code first × stages + second}), with the members both need. */
    final Map<Long, Shared> shared = new TreeMap<>();
    /** Stages whose demands exceed the members left for them (Hall's condition), if any. */
    BitSet short_;
    long[] demand;
    long pool;
    long taken;
    BitSet takenBy;
  }

  private DistinctApprovers() {}

  /**
   * Adds a problem at {@code distinctApproverStages} for every set of those stages that no case can
   * approve; {@code unreachable} are the ids of stages already reported as needing more approvals
   * than anyone could give, which are left out.
   */
  static void check(ReviewWorkflow workflow, Team team, Set<String> unreachable, Problems problems) {
    DistinctApprovers check = new DistinctApprovers();
    for (String id : workflow.distinctApproverStages()) {
      if (!unreachable.contains(id)) {
        workflow.stage(id).ifPresent(check::add);
      }
    }
    if (check.stages.size() < 2) {
      return;
    }
    check.group(team);
    BitSet every = new BitSet();
    List<Integer> conditional = new ArrayList<>();
    for (int i = 0; i < check.stages.size(); i++) {
      if (check.stages.get(i).condition().isPresent()) {
        conditional.add(i);
      } else {
        every.set(i);
      }
    }
    // a lead may reassign a stage's reviewers in a case, to any member but the submitter
    String unlessReassigned = workflow.leadRole().filter(lead -> team.members().stream().anyMatch(m -> m.holds(lead)))
        .isPresent() ? " without a lead reassigning its reviewers" : "";
    Impossible always = check.impossible(every);
    if (always != null) {
      check.report(always, "so no case can be approved" + unlessReassigned, problems);
      return;  // every case is stuck already: what a conditional stage adds would say nothing more
    }
    for (int c : conditional) {
      BitSet with = (BitSet) every.clone();
      with.set(c);
      Impossible sometimes = check.impossible(with);
      if (sometimes != null) {
        check.report(sometimes, "so no case in which stage '" + check.stages.get(c).id() + "' applies can be approved"
            + unlessReassigned, problems);
      }
    }
  }

  private void add(Stage stage) {
    stages.add(stage);
    Quorum quorum = stage.quorum();
    switch (quorum.kind()) {
      case MAJORITY:
        kinds.add(Kind.MAJORITY);
        break;
      case ALL:
        // every member who may vote approves it, whatever its deadline and re-review policy: an
        // approval kept from an escalated member counts only while the stage is escalated again
        kinds.add(Kind.ALL_FORCED);
        break;
      default:
        kinds.add(Kind.COUNT);
    }
  }

  /** Groups the team's members by the stages they could review, once: O(members × roles held). */
  private void group(Team team) {
    int k = stages.size();
    Map<String, BitSet> byRole = new HashMap<>();
    Map<String, BitSet> byEscalation = new HashMap<>();
    Map<String, BitSet> byName = new HashMap<>();
    for (int i = 0; i < k; i++) {
      Stage stage = stages.get(i);
      for (String role : stage.reviewerRoles()) {
        byRole.computeIfAbsent(role, r -> new BitSet()).set(i);
      }
      for (String member : stage.reviewerMembers()) {
        byName.computeIfAbsent(member, m -> new BitSet()).set(i);
      }
      int at = i;
      stage.deadline().ifPresent(d -> byEscalation.computeIfAbsent(d.escalationRole(), r -> new BitSet()).set(at));
    }
    Map<List<BitSet>, Group> byStages = new LinkedHashMap<>();
    baseSize = new int[k];
    for (Member member : team.members()) {
      BitSet base = new BitSet();
      BitSet candidate = new BitSet();
      BitSet named = byName.get(member.id());
      if (named != null) {
        base.or(named);
      }
      for (String role : member.roles()) {
        BitSet reviews = byRole.get(role);
        if (reviews != null) {
          base.or(reviews);
        }
        BitSet escalated = byEscalation.get(role);
        if (escalated != null) {
          candidate.or(escalated);
        }
      }
      candidate.or(base);
      if (candidate.isEmpty()) {
        continue;
      }
      byStages.computeIfAbsent(List.of(base, candidate), key -> new Group(base, candidate)).members.add(member);
      for (int i = base.nextSetBit(0); i >= 0; i = base.nextSetBit(i + 1)) {
        baseSize[i]++;
      }
    }
    groups.addAll(byStages.values());
  }

  /**
   * Why no case holding the stages {@code in} can be approved, whoever submits it; null if some
   * case can. A member of the team submitting can do what an outsider cannot only if they review a
   * majority stage (its need may drop by one), or two all-quorum stages need them; any other
   * submitter leaves no more to go round. One member of each such group is tried (members of a
   * group are alike); with more than {@value #MOST_SUBMITTERS} groups, the analysis is done once
   * with what every stage needs whoever submits.
   */
  private Impossible impossible(BitSet in) {
    Impossible outsider = impossible(in, null, false);
    if (outsider == null) {
      return null;
    }
    BitSet lowered = new BitSet();  // majorities: a submitter reviewing them lowers their need
    BitSet forcedStages = new BitSet();
    for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
      if (kinds.get(i) == Kind.ALL_FORCED) {
        forcedStages.set(i);
      } else if (kinds.get(i) != Kind.COUNT) {
        lowered.set(i);
      }
    }
    List<Group> submitters = new ArrayList<>();
    for (Group group : groups) {
      int needed = 0;  // by how many all-quorum stages, with an outsider submitting
      for (int i = forcedStages.nextSetBit(0); i >= 0; i = forcedStages.nextSetBit(i + 1)) {
        if ((baseSize[i] > 0 ? group.base : group.candidate).get(i)) {
          needed++;
        }
      }
      if (needed >= 2 || group.base.intersects(lowered)) {
        submitters.add(group);
      }
    }
    if (submitters.size() > MOST_SUBMITTERS) {
      return impossible(in, null, true);
    }
    for (Group submitter : submitters) {
      if (impossible(in, submitter, false) == null) {
        return null;  // a runtime matter: a case can be approved when a member of that group submits it
      }
    }
    return outsider;
  }

  /**
   * Why no case holding the stages {@code in}, submitted by a member of {@code ofSubmitter} (or by
   * someone outside the team, if null), can be approved; null if some can. {@code anySubmitter}: what
   * every stage needs whoever submits, an all-quorum counted as its reviewers less one.
   */
  private Impossible impossible(BitSet in, Group ofSubmitter, boolean anySubmitter) {
    int k = stages.size();
    int[] reviewers = new int[k];  // reviewers but the submitter
    boolean[] forcedByBase = new boolean[k];
    Kind[] kind = new Kind[k];
    for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
      kind[i] = anySubmitter && kinds.get(i) == Kind.ALL_FORCED ? Kind.ALL_COUNTED : kinds.get(i);
      reviewers[i] = anySubmitter ? Math.max(0, baseSize[i] - 1)
          : baseSize[i] - (ofSubmitter != null && ofSubmitter.base.get(i) ? 1 : 0);
      forcedByBase[i] = reviewers[i] > 0;
      if (kind[i] == Kind.ALL_FORCED && !forcedByBase[i] && candidates(i, ofSubmitter) == 0) {
        return new Impossible();  // only the submitter could review it: nobody may vote
      }
      if (anySubmitter && kinds.get(i) == Kind.ALL_FORCED && baseSize[i] == 0) {
        reviewers[i] = Math.max(0, candidates(i, null) - 1);  // its escalation holders are its reviewers
      }
    }
    Impossible why = new Impossible();
    BitSet[] forced = new BitSet[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      Group group = groups.get(g);
      forced[g] = new BitSet();
      if (size(group, ofSubmitter) == 0) {
        continue;
      }
      for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
        if (kind[i] == Kind.ALL_FORCED && (forcedByBase[i] ? group.base : group.candidate).get(i)) {
          forced[g].set(i);
        }
      }
      if (forced[g].cardinality() >= 2) {
        int members = size(group, ofSubmitter);
        for (int i = forced[g].nextSetBit(0); i >= 0; i = forced[g].nextSetBit(i + 1)) {
          for (int j = forced[g].nextSetBit(i + 1); j >= 0; j = forced[g].nextSetBit(j + 1)) {
            why.shared.computeIfAbsent((long) i * k + j, pair -> new Shared()).add(group.members, members);
          }
        }
      }
    }
    // the others need a number of approvals, from members no all-quorum stage needs
    long[] demand = new long[k];
    List<Integer> counted = new ArrayList<>();
    for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
      switch (kind[i]) {
        case COUNT:
          demand[i] = stages.get(i).quorum().required(0);
          break;
        case MAJORITY:
          demand[i] = reviewers[i] / 2 + 1;
          break;
        case ALL_COUNTED:
          demand[i] = Math.max(1, reviewers[i]);
          break;
        default:
          continue;
      }
      counted.add(i);
    }
    BitSet countedStages = new BitSet();
    counted.forEach(countedStages::set);
    List<Integer> pool = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (forced[g].isEmpty() && size(groups.get(g), ofSubmitter) > 0
          && groups.get(g).candidate.intersects(countedStages)) {
        pool.add(g);
      }
    }
    BitSet short_ = shortStages(counted, demand, pool, ofSubmitter);
    if (short_ != null) {
      why.short_ = short_;
      why.demand = demand;
      why.takenBy = new BitSet();
      for (int g = 0; g < groups.size(); g++) {
        Group group = groups.get(g);
        if (group.candidate.intersects(short_)) {
          if (forced[g].isEmpty()) {
            why.pool += size(group, ofSubmitter);
          } else {
            why.taken += size(group, ofSubmitter);
            why.takenBy.or(forced[g]);
          }
        }
      }
    }
    return why.shared.isEmpty() && why.short_ == null ? null : why;
  }

  private int candidates(int stage, Group ofSubmitter) {
    int n = 0;
    for (Group group : groups) {
      if (group.candidate.get(stage)) {
        n += size(group, ofSubmitter);
      }
    }
    return n;
  }

  private static int size(Group group, Group ofSubmitter) {
    return group.members.size() - (group == ofSubmitter ? 1 : 0);
  }

  /**
   * The stages of {@code counted} whose demands the groups of {@code pool} cannot meet, each member
   * approving one stage at most: those the source still reaches after a maximum flow (Dinic's), a set
   * whose demand exceeds the members who could review it; null if every demand is met.
   */
  private BitSet shortStages(List<Integer> counted, long[] demand, List<Integer> pool, Group ofSubmitter) {
    if (counted.isEmpty()) {
      return null;
    }
    int source = 0;
    int sink = 1 + counted.size() + pool.size();
    Flow flow = new Flow(sink + 1);
    long needed = 0;
    for (int s = 0; s < counted.size(); s++) {
      int stage = counted.get(s);
      flow.edge(source, 1 + s, demand[stage]);
      needed += demand[stage];
      for (int p = 0; p < pool.size(); p++) {
        if (groups.get(pool.get(p)).candidate.get(stage)) {
          flow.edge(1 + s, 1 + counted.size() + p, Long.MAX_VALUE / 4);
        }
      }
    }
    for (int p = 0; p < pool.size(); p++) {
      flow.edge(1 + counted.size() + p, sink, size(groups.get(pool.get(p)), ofSubmitter));
    }
    if (flow.max(source, sink) >= needed) {
      return null;
    }
    boolean[] reached = flow.reachable(source);
    BitSet short_ = new BitSet();
    for (int s = 0; s < counted.size(); s++) {
      if (reached[1 + s]) {
        short_.set(counted.get(s));
      }
    }
    return short_;
  }

  private void report(Impossible why, String consequence, Problems problems) {
    for (Map.Entry<Long, Shared> pair : why.shared.entrySet()) {
      Stage a = stages.get((int) (pair.getKey() / stages.size()));
      Stage b = stages.get((int) (pair.getKey() % stages.size()));
      Shared shared = pair.getValue();
      List<String> roles = a.reviewerRoles().stream().filter(b.reviewerRoles()::contains).toList();
      problems.add("distinctApproverStages", "stages '" + a.id() + "' and '" + b.id() + "'"
          + (roles.isEmpty() ? "" : ", both reviewed by " + (roles.size() == 1 ? "role " : "roles ") + quoted(roles))
          + ", need the approval of every eligible member (quorum all), but the "
          + (shared.count == 1 ? "member" : shared.count + " members") + " eligible in both ("
          + names(shared.first, shared.count) + ") may approve only one of them, " + consequence);
    }
    if (why.short_ != null) {
      List<String> ids = new ArrayList<>();
      List<String> each = new ArrayList<>();
      long total = 0;
      for (int i = why.short_.nextSetBit(0); i >= 0; i = why.short_.nextSetBit(i + 1)) {
        ids.add(stages.get(i).id());
        each.add(Long.toString(why.demand[i]));
        total += why.demand[i];
      }
      boolean one = ids.size() == 1;
      StringBuilder message = new StringBuilder(one ? "stage " : "stages ").append(quoted(ids))
          .append(one ? " needs " : " need ").append(plural(total, "approval"));
      if (!one) {
        message.append(" (").append(String.join(" + ", each)).append("), each from a different member,");
      }
      message.append(" but ").append(why.pool == 0 ? "no member" : "only " + plural(why.pool, "member"))
          .append(" could ever be eligible for ").append(one ? "it" : "them");
      if (why.taken > 0) {
        List<String> takers = new ArrayList<>();
        for (int i = why.takenBy.nextSetBit(0); i >= 0; i = why.takenBy.nextSetBit(i + 1)) {
          takers.add(stages.get(i).id());
        }
        message.append(" besides the ").append(why.taken).append(" that ")
            .append(takers.size() == 1 ? "stage " : "stages ").append(quoted(takers))
            .append(takers.size() == 1 ? " needs" : " need").append(" (quorum all)");
      }
      problems.add("distinctApproverStages", message.append(", ").append(consequence).toString());
    }
  }

  /** {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b' and 'c'}. */
  private static String quoted(List<String> ids) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      out.append(i == 0 ? "" : i == ids.size() - 1 ? " and " : ", ").append('\'').append(ids.get(i)).append('\'');
    }
    return out.toString();
  }

  /** The ids of {@code first}, and how many more of {@code count} there are. */
  private static String names(List<Member> first, long count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < first.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(first.get(i).id());
    }
    if (count > first.size()) {
      out.append(" and ").append(count - first.size()).append(" more");
    }
    return out.toString();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /** A flow network for Dinic's algorithm (levels by breadth-first search, then blocking flows), in flat arrays. */
  private static final class Flow {
    private final int[] first;  // per node, its first edge, or -1
    private int[] to = new int[16];
    private int[] next = new int[16];  // the node's next edge, or -1; edge e ^ 1 is e's reverse
    private long[] capacity = new long[16];
    private int edges;
    private int[] level;
    private int[] arc;

    Flow(int nodes) {
      first = new int[nodes];
      Arrays.fill(first, -1);
    }

    void edge(int from, int into, long cap) {
      if (edges + 2 > to.length) {
        to = Arrays.copyOf(to, to.length * 2);
        next = Arrays.copyOf(next, next.length * 2);
        capacity = Arrays.copyOf(capacity, capacity.length * 2);
      }
      add(from, into, cap);
      add(into, from, 0);
    }

    private void add(int from, int into, long cap) {
      to[edges] = into;
      capacity[edges] = cap;
      next[edges] = first[from];
      first[from] = edges++;
    }

    long max(int source, int sink) {
      long total = 0;
      for (levels(source); level[sink] >= 0; levels(source)) {
        arc = first.clone();
        long pushed;
        while ((pushed = push(source, sink, Long.MAX_VALUE)) > 0) {
          total += pushed;
        }
      }
      return total;
    }

    /** Levels from {@code source} over edges with capacity left; -1 where it does not reach. */
    private void levels(int source) {
      level = new int[first.length];
      Arrays.fill(level, -1);
      level[source] = 0;
      int[] queue = new int[first.length];
      int head = 0;
      int tail = 0;
      queue[tail++] = source;
      while (head < tail) {
        int node = queue[head++];
        for (int e = first[node]; e >= 0; e = next[e]) {
          if (level[to[e]] < 0 && capacity[e] > 0) {
            level[to[e]] = level[node] + 1;
            queue[tail++] = to[e];
          }
        }
      }
    }

    /**
     * Depth-first along the levels: a path alternates stages and groups, so the recursion is at most
     * twice as deep as there are stages.
     */
    private long push(int node, int sink, long limit) {
      if (node == sink) {
        return limit;
      }
      for (; arc[node] >= 0; arc[node] = next[arc[node]]) {
        int e = arc[node];
        if (capacity[e] > 0 && level[to[e]] == level[node] + 1) {
          long pushed = push(to[e], sink, Math.min(limit, capacity[e]));
          if (pushed > 0) {
            capacity[e] -= pushed;
            capacity[e ^ 1] += pushed;
            return pushed;
          }
        }
      }
      return 0;
    }

    /** The nodes {@code source} reaches over edges with capacity left. */
    boolean[] reachable(int source) {
      levels(source);
      boolean[] reached = new boolean[first.length];
      for (int i = 0; i < reached.length; i++) {
        reached[i] = level[i] >= 0;
      }
      return reached;
    }
  }
}
