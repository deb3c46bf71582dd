-- Corrections of an identity (issue #16 item 3, DPA 2018 s.62 alteration). The old value stays in
-- the vault's own history, never in the access record, which only says which field was changed.
create table identity_history (
  id          varchar(36)   not null primary key,
  case_code   varchar(9)    not null,
  field       varchar(60)   not null,
  old_value   varchar(500),
  reason      varchar(500)  not null,
  changed_by  varchar(64)   not null,
  changed_at  timestamp     not null
);
create index ix_identity_history_case on identity_history (case_code, changed_at);
