package dev.finegrain.core;

/**
 * The limit on the length of an id: of a team, role or member, of a review workflow and its
 * stages, and of what a review command names (its command id, case id, actor, stage, and the
 * members it votes for, delegates to or reassigns). Every such id is at most {@link #MAX_LENGTH}
 * chars ({@link String#length()}, UTF-16 code units), or the definition or command is refused
 * when built (or read from JSON) with a {@link DefinitionException} naming the path, such as
 * {@code caseId: an id of 300 chars is too long; at most 256 (Ids.MAX_LENGTH)}. Names and other
 * texts are not ids and are not bound by it.
 *
 * <p>Why a limit, and why this one: every event store must keep every id the engine gives it, and
 * a store over a database indexes them. PostgreSQL refuses a B-tree index entry of more than 2,704
 * bytes (SQLSTATE 54000, "index row size exceeds maximum"), and the entries of the PostgreSQL
 * store hold up to three ids together. With the limit, one id is at most 768 bytes of UTF-8 (a
 * char of the Basic Multilingual Plane takes at most 3 bytes; a supplementary character takes 4
 * bytes for its 2 chars), 772 with its length header. The largest entries of the PostgreSQL
 * store ({@code workflow/postgres}, schema version 2), each an 8-byte tuple header, the columns
 * aligned as PostgreSQL aligns them, and nothing compressed:
 *
 * <ul>
 *   <li>{@code finegrain_inbox_order (member_id, since_s, since_n, case_id, stage_id, rank)}:
 *       8 + 772 + 4 (alignment) + 8 + 4 + 772 + 772 + 4 = 2,344 bytes;
 *   <li>{@code finegrain_inbox} primary key {@code (case_id, member_id, stage_id, rank)}:
 *       8 + 3 &times; 772 + 4 = 2,328 bytes;
 *   <li>{@code finegrain_events_command (case_id, command_id)} and the primary key of
 *       {@code finegrain_open_stages (case_id, stage_id)}: 8 + 2 &times; 772 = 1,552 bytes;
 *   <li>the other indexes hold one id each: at most 808 bytes.
 * </ul>
 *
 * <p>The worst, 2,344 bytes, leaves 360 bytes below PostgreSQL's 2,704: three ids of up to 296
 * chars of 3 bytes each would fit, of 297 not (as measured on PostgreSQL 14 with chars that do not
 * compress; {@code PostgresIdLengthTest} runs a case with every id at the limit). No other text
 * column of that store is indexed. The in-memory store would keep longer ids, but the limit holds
 * whatever the store, so every store accepts the same commands.
 *
 * @since 0.1
 */
public final class Ids {
  /** The longest id, in chars (UTF-16 code units): {@value}. */
  public static final int MAX_LENGTH = 256;

  private Ids() {}
}
