package dev.finegrain.workflow.store;

import java.util.List;

/**
 * Where a review engine keeps the recorded events of its cases: the one interface the engine
 * knows its stores by. finegrain ships an in-memory store ({@link EventStores#inMemory()}); a
 * platform implements this interface over its own database (a table of
 * {@code (case_id, sequence, command_id, event, hash)} with a primary key on
 * {@code (case_id, sequence)} is enough: the key makes {@link #append} an atomic
 * compare-and-append). Every implementation should pass {@code EventStoreContract}, the suite in
 * the {@code finegrain-workflow-testing} artifact.
 *
 * <pre>{@code
 * ReviewEngine engine = ReviewEngine.builder(context)
 *     .store(new MyJdbcEventStore(dataSource))   // or EventStores.inMemory(), the default
 *     .register(listingReview)
 *     .build();
 * }</pre>
 *
 * <p>Implementations must be safe for use by several threads. The engine serialises its own
 * writes per case, but other engine instances (other processes) may write to the same store; the
 * expected version of {@link #append} is what keeps them from overwriting each other.
 *
 * @since 0.1
 */
public interface EventStore {
  /**
   * The recorded events of case {@code caseId} in sequence order; empty for an unknown case.
   *
   * @param caseId the case id
   * @return the recorded events of case {@code caseId} in sequence order; empty for an unknown case
   */
  List<RecordedEvent> load(String caseId);

  /**
   * The recorded events of case {@code caseId} with a sequence number above {@code version}, in
   * order; empty if there are none. Stores with an index on the sequence number should override
   * this to avoid loading the whole log.
   *
   * @param caseId the case id
   * @param version the version already read; 0 for every event
   * @return the recorded events
   */
  default List<RecordedEvent> loadAfter(String caseId, long version) {
    List<RecordedEvent> all = load(caseId);
    return version <= 0 ? all : all.subList((int) Math.min(version, all.size()), all.size());
  }

  /**
   * The sequence number of the first event of case {@code caseId} recorded by command
   * {@code commandId}, or 0 if the command recorded none: how a retried command finds its first
   * outcome. A command's events are consecutive. The engine asks this for every command on a case
   * that has events, so a store over a database should override it with an indexed lookup (the
   * default loads the whole log).
   *
   * @param caseId the case id
   * @param commandId the id of the command that caused it
   * @return that sequence number, or 0
   */
  default long firstSequenceOf(String caseId, String commandId) {
    for (RecordedEvent recorded : load(caseId)) {
      if (recorded.commandId().equals(commandId)) {
        return recorded.sequence();
      }
    }
    return 0;
  }

  /**
   * Appends {@code events} (sequence numbers {@code expectedVersion + 1} and on, of case
   * {@code caseId}) if and only if the case's current version, the number of its stored events,
   * is {@code expectedVersion}. Atomic: either every event is appended or none is.
   *
   * @param caseId the case id
   * @param expectedVersion the version the caller read: the number of events the case has now
   * @param events the events to append, their sequence numbers following {@code expectedVersion}
   * @return true if appended; false, having appended nothing, if the case's version is not
   *     {@code expectedVersion} (someone else appended first)
   */
  boolean append(String caseId, long expectedVersion, List<RecordedEvent> events);

  /** {@return the ids of every case with at least one event, in the order the cases were first appended to} */
  List<String> caseIds();
}
