package dev.finegrain.workflow;

import java.util.List;

/**
 * Where a {@link ReviewEngine} keeps the recorded events of its cases. The engine ships with
 * {@link InMemoryEventStore}; a platform implements this interface over its own database (a table
 * of {@code (caseId, sequence, json)} with a unique key on {@code (caseId, sequence)} is enough:
 * the unique key makes {@link #append} an atomic compare-and-append).
 *
 * <p>Implementations must be safe for use by several threads. The engine serialises its own
 * writes per case, but other engine instances (other processes) may write to the same store; the
 * expected version of {@link #append} is what keeps them from overwriting each other.
 */
public interface EventStore {
  /** The recorded events of case {@code caseId} in sequence order; empty for an unknown case. */
  List<RecordedEvent> load(String caseId);

  /**
   * The recorded events of case {@code caseId} with a sequence number above {@code version}, in
   * order; empty if there are none. Stores with an index on the sequence number should override
   * this to avoid loading the whole log.
   */
  default List<RecordedEvent> loadAfter(String caseId, long version) {
    List<RecordedEvent> all = load(caseId);
    return version <= 0 ? all : all.subList((int) Math.min(version, all.size()), all.size());
  }

  /**
   * Appends {@code events} (sequence numbers {@code expectedVersion + 1} and on, of case
   * {@code caseId}) if and only if the case's current version, the number of its stored events,
   * is {@code expectedVersion}. Atomic: either every event is appended or none is.
   *
   * @return true if appended; false, having appended nothing, if the case's version is not
   *     {@code expectedVersion} (someone else appended first)
   */
  boolean append(String caseId, long expectedVersion, List<RecordedEvent> events);

  /** The ids of every case with at least one event, in the order the cases were first appended to. */
  List<String> caseIds();
}
