-- Access alerts for information governance (issue #15): who, which case, what happened. Only
-- information governance reads them (GET /api/alerts, audited); the engine's accessAlert process
-- holds the alert's id alone, so no history endpoint shows a detail to anyone else.
create table access_alert (
  id         varchar(36)   not null primary key,
  raised_at  timestamp     not null,
  kind       varchar(40)   not null,
  user_id    varchar(64)   not null,
  case_code  varchar(9),
  summary    varchar(2000) not null
);
create index ix_access_alert_user on access_alert (user_id, kind, raised_at);
create index ix_access_alert_raised on access_alert (raised_at);
