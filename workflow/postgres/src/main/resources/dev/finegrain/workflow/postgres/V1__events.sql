-- finegrain review events, schema version 1.
-- One row per recorded event; the primary key (case_id, sequence) makes an append a compare-and-append.
CREATE TABLE finegrain_events (
  case_id       text   NOT NULL,
  sequence      bigint NOT NULL CHECK (sequence >= 1),
  command_id    text   NOT NULL,
  event         jsonb  NOT NULL,
  previous_hash bytea  NOT NULL CHECK (length(previous_hash) = 32),
  hash          bytea  NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (case_id, sequence)
);

-- A retried command finds its first event by its id, within its case.
CREATE INDEX finegrain_events_command ON finegrain_events (case_id, command_id);

-- Every case with at least one event, in the order of its first append.
CREATE TABLE finegrain_cases (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id  text NOT NULL UNIQUE
);
