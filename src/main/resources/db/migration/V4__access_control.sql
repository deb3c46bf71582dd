-- Exceptional ("break glass") access: a written reason, an expiry (end of the next day at the
-- latest), and an alert to information governance. Rows are never updated or deleted.
create table break_glass (
  id          varchar(36)   not null primary key,
  user_id     varchar(64)   not null,
  case_code   varchar(9)    not null,
  reason      varchar(1000) not null,
  granted_at  timestamp     not null,
  expires_at  timestamp     not null
);
create index ix_break_glass_case on break_glass (case_code, user_id);

-- Who staff are, for spotting suspicious access: the force's HR feed in production, seeded in demo.
create table staff_directory (
  user_id       varchar(64)  not null primary key,
  staff_number  varchar(50),
  department    varchar(200),
  line_manager  varchar(64)
);
create index ix_staff_directory_staff on staff_directory (staff_number);
