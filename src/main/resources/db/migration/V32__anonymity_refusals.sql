-- Issue #17 item 7: free text refused because it may identify someone. The text is kept sealed with
-- the case's key (a coordinator reads it to judge a false positive), found again by its keyed hash;
-- a coordinator's release lets exactly that text through for that case, and is recorded.
create table anonymity_refusal (
  id           varchar(36)   not null primary key,
  case_code    varchar(9),
  task_id      varchar(64),
  field        varchar(100)  not null,
  kinds        varchar(500)  not null,
  text_key     varchar(64)   not null,
  text         varchar(16000),
  refused_by   varchar(64)   not null,
  refused_at   timestamp     not null,
  released_by  varchar(64),
  released_at  timestamp
);
create index ix_anonymity_refusal_key on anonymity_refusal (text_key, case_code);
create index ix_anonymity_refusal_case on anonymity_refusal (case_code, refused_at);
