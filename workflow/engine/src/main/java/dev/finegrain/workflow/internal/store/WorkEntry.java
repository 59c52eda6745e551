package dev.finegrain.workflow.internal.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One row of the open-work projection: member {@code memberId} may vote in open stage
 * {@code stageId} of case {@code caseId}, for themselves ({@code rank} 0) or as the delegate of
 * {@code onBehalfOf} (rank 1 and on, in the order of the case's delegations), while
 * {@code validFrom <= at < validUntil}. The projection is computed from the case's state after its
 * last event; an entry whose case has a deadline due by the query's instant ({@code caseDueAt}) is
 * a candidate only, checked against the case by the engine. Nullable fields are absent values.
 */
public final class WorkEntry {
  /** The inbox order: oldest stage first, then case id and stage id in code-point order, then rank. */
  public static final Comparator<WorkEntry> ORDER = Comparator.comparing((WorkEntry e) -> e.since)
      .thenComparing(e -> e.caseId, WorkEntry::compareCodePoints)
      .thenComparing(e -> e.stageId, WorkEntry::compareCodePoints)
      .thenComparingInt(e -> e.rank);

  /** The member whose inbox the entry is in. */
  public final String memberId;
  /** The case. */
  public final String caseId;
  /** The open stage. */
  public final String stageId;
  /** 0 for the member's own vote, 1 and on for a delegation, in the case's order of delegations. */
  public final int rank;
  /** The stage's readable name. */
  public final String stageName;
  /** When the stage (last) opened. */
  public final Instant since;
  /** When the stage escalates, unless it already has; null if it has no pending escalation. */
  public final Instant escalatesAt;
  /** When the case expires if the stage is still undecided; null if never. */
  public final Instant expiresAt;
  /** The member voted for, for a delegate's entry; null for one's own. */
  public final String onBehalfOf;
  /** From when the entry holds; null for always. */
  public final Instant validFrom;
  /** Until when the entry holds (exclusive); null for always. */
  public final Instant validUntil;
  /** The case's first pending deadline, from which on the entry is a candidate only; null for none. */
  public final Instant caseDueAt;

  /** An entry; see the fields. */
  public WorkEntry(String memberId, String caseId, String stageId, int rank, String stageName, Instant since,
      Instant escalatesAt, Instant expiresAt, String onBehalfOf, Instant validFrom, Instant validUntil,
      Instant caseDueAt) {
    this.memberId = Objects.requireNonNull(memberId, "memberId");
    this.caseId = Objects.requireNonNull(caseId, "caseId");
    this.stageId = Objects.requireNonNull(stageId, "stageId");
    this.rank = rank;
    this.stageName = Objects.requireNonNull(stageName, "stageName");
    this.since = Objects.requireNonNull(since, "since");
    this.escalatesAt = escalatesAt;
    this.expiresAt = expiresAt;
    this.onBehalfOf = onBehalfOf;
    this.validFrom = validFrom;
    this.validUntil = validUntil;
    this.caseDueAt = caseDueAt;
  }

  /** A key that sorts after every entry of stage {@code stageId} of case {@code caseId} opened at {@code since}. */
  public static WorkEntry after(String caseId, String stageId, Instant since) {
    return new WorkEntry("", caseId, stageId, Integer.MAX_VALUE, "", since, null, null, null, null, null, null);
  }

  /** Whether the entry holds at {@code at} by its own validity (the case's deadlines aside). */
  public boolean validAt(Instant at) {
    return (validFrom == null || !at.isBefore(validFrom)) && (validUntil == null || at.isBefore(validUntil));
  }

  /**
   * Whether the entry holds only once one of the case's deadlines has fired (an escalation's
   * holders, and their delegates): such entries are found by their {@code validFrom}, not in inbox
   * order, so that a member's inbox does not pass over every stage that might escalate to them.
   */
  public boolean isPending() {
    return validFrom != null && caseDueAt != null && !validFrom.isBefore(caseDueAt);
  }

  /** Whether the case has a deadline due by {@code at}, so that the entry must be checked against the case. */
  public boolean needsCheckAt(Instant at) {
    return caseDueAt != null && !at.isBefore(caseDueAt);
  }

  /** {@code a} and {@code b} compared by code points (the order of their UTF-8 bytes, as SQL's "C" collation). */
  public static int compareCodePoints(String a, String b) {
    // char by char, as String.compareTo: where both strings first differ in two chars that are not
    // surrogates, the code points there are those chars (the chars before are equal, so a pair
    // before them is either whole in both or unpaired in both); a surrogate there takes the walk by
    // code points below, which orders a supplementary character after every char of the BMP
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char x = a.charAt(k);
      char y = b.charAt(k);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return compareByCodePoints(a, b);
        }
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int compareByCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkEntry e && memberId.equals(e.memberId) && caseId.equals(e.caseId)
        && stageId.equals(e.stageId) && rank == e.rank && stageName.equals(e.stageName) && since.equals(e.since)
        && Objects.equals(escalatesAt, e.escalatesAt) && Objects.equals(expiresAt, e.expiresAt)
        && Objects.equals(onBehalfOf, e.onBehalfOf) && Objects.equals(validFrom, e.validFrom)
        && Objects.equals(validUntil, e.validUntil) && Objects.equals(caseDueAt, e.caseDueAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(memberId, caseId, stageId, rank, since);
  }

  @Override
  public String toString() {
    return memberId + " -> " + caseId + "/" + stageId + "#" + rank + " since " + since
        + (onBehalfOf != null ? " for " + onBehalfOf : "") + (validFrom != null ? " from " + validFrom : "")
        + (validUntil != null ? " until " + validUntil : "") + (caseDueAt != null ? " due " + caseDueAt : "");
  }
}
