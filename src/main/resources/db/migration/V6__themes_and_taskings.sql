-- Themes keep their former names; a theme can become a force-wide tasking.
create table theme_name_history (
  theme_id    varchar(40)  not null,
  name        varchar(200) not null,
  replaced_at timestamp    not null,
  replaced_by varchar(64)  not null
);

create table theme_tasking (
  id            varchar(36)   not null primary key,
  theme_id      varchar(40)   not null,
  title         varchar(500)  not null,
  owner         varchar(200)  not null,
  due_date      date          not null,
  status        varchar(8)    not null,
  created_at    timestamp     not null,
  created_by    varchar(64)   not null,
  completed_at  timestamp
);
