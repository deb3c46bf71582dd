-- Issue #19 items 2 and 3. A SOO taken off a case (they declared a conflict on the case pack, or
-- left the force or the rank) until the coordinators choose another: the case's allocation for that
-- party waits here. The reason is one of the application's own words, never who knows whom.
create table soo_withdrawal (
  id              varchar(36)  not null primary key,
  case_code       varchar(9)   not null,
  user_id         varchar(64)  not null,
  party           varchar(16)  not null,
  reason          varchar(200) not null,
  withdrawn_at    timestamp    not null,
  claimed_by      varchar(64),
  reallocated_to  varchar(64),
  reallocated_at  timestamp
);
create index ix_soo_withdrawal_case on soo_withdrawal (case_code);

-- Standing conflicts: people a SOO knows well, kept on their roster entry as keyed hashes only
-- (vault ReferenceKeys: staff number, or name and date of birth), never as names.
create table soo_standing_conflict (
  user_id      varchar(64) not null,
  person_key   varchar(64) not null,
  declared_at  timestamp   not null,
  constraint pk_soo_standing_conflict primary key (user_id, person_key)
);
create index ix_soo_standing_conflict_key on soo_standing_conflict (person_key);
