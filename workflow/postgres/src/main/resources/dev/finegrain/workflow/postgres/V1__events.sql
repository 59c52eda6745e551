-- finegrain review events, schema version 1.
-- One row per recorded event; the primary key (case_id, sequence) makes an append a compare-and-append.
CREATE TABLE finegrain_events (
  case_id       text   NOT NULL,
  sequence      bigint NOT NULL CHECK (sequence >= 1),
  command_id    text   NOT NULL,
  event         jsonb  NOT NULL,
  previous_hash bytea  NOT NULL CHECK (length(previous_hash) = 32),
  hash          bytea  NOT NULL CHECK (length(hash) = 32),
  -- the feed's order: the appending transaction, then the order of insertion within all appends
  transaction_id xid8  NOT NULL DEFAULT pg_current_xact_id(),
  position      bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (case_id, sequence)
);

-- The notification feed reads in (transaction_id, position) order.
CREATE INDEX finegrain_events_feed ON finegrain_events (transaction_id, position);

-- A retried command finds its first event by its id, within its case.
CREATE INDEX finegrain_events_command ON finegrain_events (case_id, command_id);

-- Every case with at least one event, in the order of its first append.
CREATE TABLE finegrain_cases (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id  text NOT NULL UNIQUE
);
