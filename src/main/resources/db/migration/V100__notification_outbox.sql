-- Issue #22 item 4: notifications by e-mail. A notice is written here in the same transaction as the
-- engine work that causes it (a task created, a SOO allocated, a chase, a panel agenda published);
-- a scheduled sender delivers it afterwards and retries with back-off, so a mail relay that is down
-- never holds up or rolls back a case. A notice carries only the case code, the step's name (as the
-- model names it), the due date and a link: never a name or any other detail of the case.
-- The recipient is an engine user id; the address is read from the engine's users when sending.
create table notification_outbox (
  id               varchar(36)   not null,
  recipient        varchar(64)   not null,
  kind             varchar(16)   not null,
  case_code        varchar(16)   not null,
  step_name        varchar(200)  not null,
  due_at           timestamp,
  link             varchar(1000) not null,
  slot_start       timestamp,
  slot_end         timestamp,
  source_id        varchar(64)   not null,
  status           varchar(12)   not null,
  attempts         integer       default 0 not null,
  next_attempt_at  timestamp     not null,
  claimed_until    timestamp,
  last_error       varchar(200),
  created_at       timestamp     not null,
  sent_at          timestamp,
  constraint pk_notification_outbox primary key (id),
  constraint ck_notification_status check (status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED'))
);
create index ix_notification_due on notification_outbox (status, next_attempt_at);
create index ix_notification_recipient on notification_outbox (recipient, status);

-- Each person's choice: every notice as it happens (IMMEDIATE, the default) or one message a day.
create table notification_preference (
  user_id     varchar(64)  not null,
  mode        varchar(12)  not null,
  updated_at  timestamp    not null,
  constraint pk_notification_preference primary key (user_id),
  constraint ck_notification_mode check (mode in ('IMMEDIATE', 'DAILY_DIGEST'))
);
