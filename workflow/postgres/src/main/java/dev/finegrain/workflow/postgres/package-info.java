/**
 * Review events in PostgreSQL: {@link dev.finegrain.workflow.postgres.PostgresEventStore}, an
 * {@link dev.finegrain.workflow.store.EventStore} over a platform's {@link javax.sql.DataSource},
 * and its versioned schema ({@link dev.finegrain.workflow.postgres.PostgresEventStore#migrate}).
 */
package dev.finegrain.workflow.postgres;
