package dev.finegrain.workflow.postgres;

import dev.finegrain.workflow.internal.store.CaseWork;
import dev.finegrain.workflow.internal.store.WorkEntry;
import dev.finegrain.workflow.internal.store.WorkIndex;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The open-work projection in PostgreSQL (schema version 2): {@code finegrain_inbox},
 * {@code finegrain_open_cases} and {@code finegrain_open_stages}, replaced for a case by the
 * statement that appends its events ({@link AppendStatement}), and read by index.
 */
final class OpenWorkRows implements WorkIndex {
  private static final String COLUMNS = "i.case_id, i.stage_id, i.rank, i.stage_name, i.since_s, i.since_n,"
      + " i.escalates_at, i.expires_at, i.on_behalf_of, i.valid_from_s, i.valid_from_n, i.valid_until_s,"
      + " i.valid_until_n, c.due_s, c.due_n";

  private final DataSource dataSource;

  OpenWorkRows(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<WorkEntry> inbox(String memberId, Instant at, WorkEntry after, int limit) {
    List<WorkEntry> out = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
            + " FROM finegrain_inbox i JOIN finegrain_open_cases c ON c.case_id = i.case_id"
            + " WHERE i.member_id = ? AND NOT i.pending"
            + " AND (i.since_s, i.since_n, i.case_id, i.stage_id, i.rank) > (?, ?, ?, ?, ?)"
            + " AND (i.valid_from_s IS NULL OR (i.valid_from_s, i.valid_from_n) <= (?, ?))"
            + " AND (i.valid_until_s IS NULL OR (i.valid_until_s, i.valid_until_n) > (?, ?))"
            + " ORDER BY i.since_s, i.since_n, i.case_id, i.stage_id, i.rank LIMIT ?");
        PreparedStatement pending = connection.prepareStatement("SELECT " + COLUMNS
            + " FROM finegrain_inbox i JOIN finegrain_open_cases c ON c.case_id = i.case_id"
            + " WHERE i.member_id = ? AND i.pending AND (i.valid_from_s, i.valid_from_n) <= (?, ?)")) {
      select.setString(1, memberId);
      if (after == null) {
        select.setLong(2, Long.MIN_VALUE);
        select.setInt(3, Integer.MIN_VALUE);
        select.setString(4, "");
        select.setString(5, "");
        select.setInt(6, Integer.MIN_VALUE);
      } else {
        setInstant(select, 2, after.since);
        select.setString(4, after.caseId);
        select.setString(5, after.stageId);
        select.setInt(6, after.rank);
      }
      setInstant(select, 7, at);
      setInstant(select, 9, at);
      select.setInt(11, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.add(entry(memberId, rows));
        }
      }
      pending.setString(1, memberId);
      setInstant(pending, 2, at);
      boolean added = false;
      try (ResultSet rows = pending.executeQuery()) {
        while (rows.next()) {
          WorkEntry entry = entry(memberId, rows);
          if (entry.validAt(at) && (after == null || WorkEntry.ORDER.compare(entry, after) > 0)) {
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
      return out;
    } catch (SQLException e) {
      throw PostgresEventStore.failure("could not read " + memberId + "'s inbox", e);
    }
  }

  @Override
  public Map<String, Instant> dueBy(Instant at, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT case_id, due_s, due_n FROM finegrain_open_cases"
            + " WHERE due_s IS NOT NULL AND (due_s, due_n) <= (?, ?) ORDER BY due_s, due_n, case_id LIMIT ?")) {
      setInstant(select, 1, at);
      select.setInt(3, limit);
      Map<String, Instant> out = new LinkedHashMap<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.put(rows.getString(1), instant(rows, 2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw PostgresEventStore.failure("could not read the cases due by " + at, e);
    }
  }

  @Override
  public List<StageCount> openStages() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT workflow_id, stage_id, roles, count(*)"
            + " FROM finegrain_open_stages GROUP BY workflow_id, stage_id, roles ORDER BY workflow_id, stage_id")) {
      List<StageCount> out = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Array roles = rows.getArray(3);
          out.add(new StageCount(rows.getString(1), rows.getString(2),
              Arrays.asList((String[]) roles.getArray()), rows.getLong(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw PostgresEventStore.failure("could not count the open stages", e);
    }
  }

  private static WorkEntry entry(String memberId, ResultSet rows) throws SQLException {
    String escalates = rows.getString(7);
    String expires = rows.getString(8);
    return new WorkEntry(memberId, rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
        instant(rows, 5), escalates == null ? null : Instant.parse(escalates), expires == null ? null
            : Instant.parse(expires), rows.getString(9), instant(rows, 10), instant(rows, 12), instant(rows, 14));
  }

  /** Sets parameters {@code index} and {@code index + 1} to {@code at}'s seconds and nanoseconds, or both null. */
  private static void setInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
    if (at == null) {
      statement.setNull(index, java.sql.Types.BIGINT);
      statement.setNull(index + 1, java.sql.Types.INTEGER);
    } else {
      statement.setLong(index, at.getEpochSecond());
      statement.setInt(index + 1, at.getNano());
    }
  }

  private static Instant instant(ResultSet rows, int index) throws SQLException {
    long seconds = rows.getLong(index);
    return rows.wasNull() ? null : Instant.ofEpochSecond(seconds, rows.getInt(index + 1));
  }
}
