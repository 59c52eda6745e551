package dev.finegrain.workflow.postgres;

import dev.finegrain.workflow.internal.store.CaseWork;
import dev.finegrain.workflow.internal.store.StateSnapshot;
import dev.finegrain.workflow.internal.store.WorkEntry;
import dev.finegrain.workflow.store.RecordedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An append, with its open-work rows and snapshot, as one SQL statement run on its own (autocommit):
 * one round trip and one transaction per command, where a statement per table and a commit took
 * six. Each part is a data-modifying {@code WITH} query, and every part after the events' insert
 * writes only if that insert did ({@code EXISTS (SELECT 1 FROM ev)}), so the statement writes all
 * or nothing:
 * <ul>
 *   <li>{@code ev}: the events, from arrays, in order; only if the case is at
 *       {@code expectedVersion} (its event {@code expectedVersion} exists: events are never
 *       deleted, and the primary key refuses an insert where another append got first) and, for
 *       the engine's appends, only if the case has no event of the command yet, so that a command
 *       decided again on a cached state is never recorded twice;
 *   <li>the case's first append registers it in {@code finegrain_cases};
 *   <li>the open-work rows the case no longer has are deleted, and its current ones written over
 *       the old ({@code ON CONFLICT ... DO UPDATE}): parts of one statement see the same snapshot,
 *       so rows are never deleted and inserted again under the same key in one statement;
 *   <li>the snapshot, when the engine gives one.
 * </ul>
 * The statement's answer is the number of events inserted: 0 means not appended.
 */
final class AppendStatement {
  private AppendStatement() {}

  /**
   * Appends {@code events} (at least one) to case {@code caseId} at {@code expectedVersion} in one
   * statement on {@code connection}, which must be in autocommit mode.
   *
   * @param newCommandOnly whether to append only if the case has no event of the events' command id
   * @param work the case's open work after the events; null to leave the projection as it is
   * @param snapshot the case's state after the events; null to keep the last one
   * @return whether the events were appended
   * @throws SQLException a unique violation when another append took these sequence numbers first
   */
  static boolean run(Connection connection, String caseId, long expectedVersion, List<RecordedEvent> events,
      boolean newCommandOnly, CaseWork work, StateSnapshot snapshot) throws SQLException {
    StringBuilder sql = new StringBuilder(2_048);
    List<Object> values = new ArrayList<>();
    int n = events.size();
    Long[] sequences = new Long[n];
    String[] commands = new String[n];
    String[] bodies = new String[n];
    byte[][] previous = new byte[n][];
    byte[][] hashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      RecordedEvent event = events.get(i);
      sequences[i] = event.sequence();
      commands[i] = event.commandId();
      bodies[i] = StoredJson.write(event.event());
      previous[i] = event.previousHash().toBytes();
      hashes[i] = event.hash().toBytes();
    }
    sql.append("WITH ev AS (INSERT INTO finegrain_events (case_id, sequence, command_id, event, previous_hash, hash)"
        + " SELECT ?, t.s, t.c, t.e::jsonb, t.p, t.h"
        + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bytea[], ?::bytea[]) WITH ORDINALITY AS t(s, c, e, p, h, o)"
        + " WHERE (?::bigint = 0 OR EXISTS (SELECT 1 FROM finegrain_events WHERE case_id = ? AND sequence = ?))");
    values.add(caseId);
    values.add(array(connection, "int8", sequences));
    values.add(array(connection, "text", commands));
    values.add(array(connection, "text", bodies));
    values.add(array(connection, "bytea", previous));
    values.add(array(connection, "bytea", hashes));
    values.add(expectedVersion);
    values.add(caseId);
    values.add(expectedVersion);
    if (newCommandOnly) {
      sql.append(" AND NOT EXISTS (SELECT 1 FROM finegrain_events WHERE case_id = ? AND command_id = ?)");
      values.add(caseId);
      values.add(events.get(0).commandId());
    }
    sql.append(" ORDER BY t.o RETURNING sequence)");
    if (expectedVersion == 0) {
      sql.append(", new_case AS (INSERT INTO finegrain_cases (case_id) SELECT ? WHERE EXISTS (SELECT 1 FROM ev)"
          + " ON CONFLICT (case_id) DO NOTHING)");
      values.add(caseId);
    }
    if (work != null) {
      appendWork(connection, sql, values, caseId, work);
    }
    if (snapshot != null) {
      sql.append(", snapshot AS (INSERT INTO finegrain_snapshots (case_id, version, state, head)"
          + " SELECT ?, ?, ?::jsonb, ? WHERE EXISTS (SELECT 1 FROM ev) ON CONFLICT (case_id) DO UPDATE"
          + " SET version = excluded.version, state = excluded.state, head = excluded.head"
          + " WHERE finegrain_snapshots.version < excluded.version)");
      values.add(caseId);
      values.add(snapshot.version());
      values.add(StoredJson.rewrite(snapshot.state()));
      values.add(snapshot.head().toBytes());
    }
    sql.append(" SELECT count(*) FROM ev");
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < values.size(); i++) {
        Object value = values.get(i);
        if (value == null) {
          statement.setNull(i + 1, Types.NULL);
        } else {
          statement.setObject(i + 1, value);
        }
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1) == n;
      }
    }
  }

  private static void appendWork(Connection connection, StringBuilder sql, List<Object> values, String caseId,
      CaseWork work) throws SQLException {
    boolean open = !work.entries().isEmpty() || !work.stages().isEmpty() || work.dueAt() != null;
    int e = work.entries().size();
    String[] members = new String[e];
    String[] stages = new String[e];
    Integer[] ranks = new Integer[e];
    String[] names = new String[e];
    Long[] sinceS = new Long[e];
    Integer[] sinceN = new Integer[e];
    String[] escalates = new String[e];
    String[] expires = new String[e];
    String[] onBehalfOf = new String[e];
    Long[] fromS = new Long[e];
    Integer[] fromN = new Integer[e];
    Long[] untilS = new Long[e];
    Integer[] untilN = new Integer[e];
    Boolean[] pending = new Boolean[e];
    for (int i = 0; i < e; i++) {
      WorkEntry entry = work.entries().get(i);
      members[i] = entry.memberId;
      stages[i] = entry.stageId;
      ranks[i] = entry.rank;
      names[i] = entry.stageName;
      sinceS[i] = entry.since.getEpochSecond();
      sinceN[i] = entry.since.getNano();
      escalates[i] = entry.escalatesAt == null ? null : entry.escalatesAt.toString();
      expires[i] = entry.expiresAt == null ? null : entry.expiresAt.toString();
      onBehalfOf[i] = entry.onBehalfOf;
      fromS[i] = seconds(entry.validFrom);
      fromN[i] = nanos(entry.validFrom);
      untilS[i] = seconds(entry.validUntil);
      untilN[i] = nanos(entry.validUntil);
      pending[i] = entry.isPending();
    }
    sql.append(", gone_inbox AS (DELETE FROM finegrain_inbox d WHERE d.case_id = ? AND EXISTS (SELECT 1 FROM ev)"
        + " AND (d.member_id, d.stage_id, d.rank) NOT IN"
        + " (SELECT k.m, k.s, k.r FROM unnest(?::text[], ?::text[], ?::int4[]) AS k(m, s, r)))");
    values.add(caseId);
    values.add(array(connection, "text", members));
    values.add(array(connection, "text", stages));
    values.add(array(connection, "int4", ranks));
    sql.append(", put_inbox AS (INSERT INTO finegrain_inbox (member_id, case_id, stage_id, rank, stage_name,"
        + " since_s, since_n, escalates_at, expires_at, on_behalf_of, valid_from_s, valid_from_n, valid_until_s,"
        + " valid_until_n, pending) SELECT n.m, ?, n.s, n.r, n.sn, n.ss, n.sns, n.esc, n.exp, n.ob, n.vfs, n.vfn,"
        + " n.vus, n.vun, n.p FROM unnest(?::text[], ?::text[], ?::int4[], ?::text[], ?::int8[], ?::int4[],"
        + " ?::text[], ?::text[], ?::text[], ?::int8[], ?::int4[], ?::int8[], ?::int4[], ?::bool[])"
        + " AS n(m, s, r, sn, ss, sns, esc, exp, ob, vfs, vfn, vus, vun, p) WHERE EXISTS (SELECT 1 FROM ev)"
        + " ON CONFLICT (case_id, member_id, stage_id, rank) DO UPDATE SET stage_name = excluded.stage_name,"
        + " since_s = excluded.since_s, since_n = excluded.since_n, escalates_at = excluded.escalates_at,"
        + " expires_at = excluded.expires_at, on_behalf_of = excluded.on_behalf_of,"
        + " valid_from_s = excluded.valid_from_s, valid_from_n = excluded.valid_from_n,"
        + " valid_until_s = excluded.valid_until_s, valid_until_n = excluded.valid_until_n,"
        + " pending = excluded.pending)");
    values.add(caseId);
    values.add(array(connection, "text", members));
    values.add(array(connection, "text", stages));
    values.add(array(connection, "int4", ranks));
    values.add(array(connection, "text", names));
    values.add(array(connection, "int8", sinceS));
    values.add(array(connection, "int4", sinceN));
    values.add(array(connection, "text", escalates));
    values.add(array(connection, "text", expires));
    values.add(array(connection, "text", onBehalfOf));
    values.add(array(connection, "int8", fromS));
    values.add(array(connection, "int4", fromN));
    values.add(array(connection, "int8", untilS));
    values.add(array(connection, "int4", untilN));
    values.add(array(connection, "bool", pending));

    int s = work.stages().size();
    String[] stageIds = new String[s];
    String[] workflows = new String[s];
    List<Integer> roleOf = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < s; i++) {
      CaseWork.OpenStage stage = work.stages().get(i);
      stageIds[i] = stage.stageId();
      workflows[i] = stage.workflowId();
      for (String role : stage.roles()) {
        roleOf.add(i + 1);
        roles.add(role);
      }
    }
    sql.append(", gone_stages AS (DELETE FROM finegrain_open_stages d WHERE d.case_id = ?"
        + " AND EXISTS (SELECT 1 FROM ev) AND d.stage_id NOT IN (SELECT unnest(?::text[])))");
    values.add(caseId);
    values.add(array(connection, "text", stageIds));
    // a stage's roles are the (stage number, role) pairs with its number, in order: PostgreSQL
    // arrays are rectangular, so the lists travel flattened
    sql.append(", put_stages AS (INSERT INTO finegrain_open_stages (case_id, stage_id, workflow_id, roles)"
        + " SELECT ?, n.s, n.w, ARRAY(SELECT x.role FROM unnest(?::int4[], ?::text[]) WITH ORDINALITY"
        + " AS x(i, role, o) WHERE x.i = n.o ORDER BY x.o)"
        + " FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS n(s, w, o) WHERE EXISTS (SELECT 1 FROM ev)"
        + " ON CONFLICT (case_id, stage_id) DO UPDATE SET workflow_id = excluded.workflow_id,"
        + " roles = excluded.roles)");
    values.add(caseId);
    values.add(array(connection, "int4", roleOf.toArray(new Integer[0])));
    values.add(array(connection, "text", roles.toArray(new String[0])));
    values.add(array(connection, "text", stageIds));
    values.add(array(connection, "text", workflows));

    if (open) {
      sql.append(", open_case AS (INSERT INTO finegrain_open_cases (case_id, version, due_s, due_n)"
          + " SELECT ?, ?, ?::int8, ?::int4 WHERE EXISTS (SELECT 1 FROM ev) ON CONFLICT (case_id) DO UPDATE"
          + " SET version = excluded.version, due_s = excluded.due_s, due_n = excluded.due_n)");
      values.add(caseId);
      values.add(work.version());
      values.add(seconds(work.dueAt()));
      values.add(nanos(work.dueAt()));
    } else {
      sql.append(", closed_case AS (DELETE FROM finegrain_open_cases WHERE case_id = ?"
          + " AND EXISTS (SELECT 1 FROM ev))");
      values.add(caseId);
    }
  }

  private static java.sql.Array array(Connection connection, String type, Object[] elements) throws SQLException {
    return connection.createArrayOf(type, elements);
  }

  private static Long seconds(Instant at) {
    return at == null ? null : at.getEpochSecond();
  }

  private static Integer nanos(Instant at) {
    return at == null ? null : at.getNano();
  }
}
