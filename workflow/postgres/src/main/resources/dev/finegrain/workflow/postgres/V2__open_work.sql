-- finegrain review events, schema version 2: the open-work projection.
-- Written by the engine in the same transaction as a case's events, replaced at each append, empty
-- for a case not in review. Instants are (seconds, nanoseconds) pairs, exact and ordered as Java's.
-- Identifiers sort in code-point order (the "C" collation), as the in-memory store sorts them.

-- Who may vote where: one row per member and open stage (rank 0: their own vote; 1 and on: as the
-- delegate of on_behalf_of, in the case's order of delegations), valid from/until the given
-- instants. Pending rows hold only once the case's first deadline has fired (an escalation).
CREATE TABLE finegrain_inbox (
  member_id     text    COLLATE "C" NOT NULL,
  case_id       text    COLLATE "C" NOT NULL,
  stage_id      text    COLLATE "C" NOT NULL,
  rank          integer NOT NULL,
  stage_name    text    NOT NULL,
  since_s       bigint  NOT NULL,
  since_n       integer NOT NULL,
  escalates_at  text,
  expires_at    text,
  on_behalf_of  text,
  valid_from_s  bigint,
  valid_from_n  integer,
  valid_until_s bigint,
  valid_until_n integer,
  pending       boolean NOT NULL,
  PRIMARY KEY (case_id, member_id, stage_id, rank)
);

-- A member's inbox in order, oldest first; pending rows by the instant they start to hold.
CREATE INDEX finegrain_inbox_order ON finegrain_inbox (member_id, since_s, since_n, case_id, stage_id, rank)
  WHERE NOT pending;
CREATE INDEX finegrain_inbox_pending ON finegrain_inbox (member_id, valid_from_s, valid_from_n)
  WHERE pending;

-- Each case in review with its first pending deadline (null for none), and its open stages.
CREATE TABLE finegrain_open_cases (
  case_id  text   COLLATE "C" PRIMARY KEY,
  version  bigint NOT NULL,
  due_s    bigint,
  due_n    integer
);
CREATE INDEX finegrain_open_cases_due ON finegrain_open_cases (due_s, due_n, case_id) WHERE due_s IS NOT NULL;

CREATE TABLE finegrain_open_stages (
  case_id     text   COLLATE "C" NOT NULL,
  stage_id    text   COLLATE "C" NOT NULL,
  workflow_id text   COLLATE "C" NOT NULL,
  roles       text[] NOT NULL,
  PRIMARY KEY (case_id, stage_id)
);

-- The engine's snapshot of a long case's state (every 100 events), written in the append's
-- transaction: a case is loaded from it and the events after it. Derived data: verify() never
-- reads it, and a snapshot of a form the engine does not know is ignored (the case is replayed).
CREATE TABLE finegrain_snapshots (
  case_id  text   PRIMARY KEY,
  version  bigint NOT NULL,
  state    jsonb  NOT NULL,
  head     bytea  NOT NULL CHECK (length(head) = 32)
);
