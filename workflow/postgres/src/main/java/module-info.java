/**
 * finegrain-workflow-postgres: review events kept in PostgreSQL through the platform's
 * {@link javax.sql.DataSource}: {@link dev.finegrain.workflow.postgres.PostgresEventStore}.
 */
module dev.finegrain.workflow.postgres {
  requires transitive dev.finegrain.workflow;
  requires transitive java.sql;

  exports dev.finegrain.workflow.postgres;
}
