-- The scrutiny panel and case conferences.

-- Cases waiting for the panel: one row per case while it waits (new once a SOO is allocated,
-- brought back by the chair or by the SOO with an update). Carried over until seen, never dropped.
create table panel_candidate (
  case_code       varchar(9)   not null primary key,
  review_type     varchar(8)   not null,
  requested_back  boolean      not null,
  risk_level      varchar(8)   not null,
  waiting_since   timestamp    not null,
  status          varchar(12)  not null
);

create table panel_meeting (
  id                         varchar(36)  not null primary key,
  process_instance_id        varchar(64),
  held_on                    timestamp    not null,
  capacity_minutes           int          not null,
  status                     varchar(12)  not null,
  partner_agencies_attending int,
  partner_agencies           varchar(500),
  published_at               timestamp,
  closed_at                  timestamp
);

-- The anonymous agenda: time, case code, review type, slot length, SOO(s).
create table panel_agenda_item (
  meeting_id      varchar(36)  not null,
  position        int          not null,
  case_code       varchar(9)   not null,
  review_type     varchar(8)   not null,
  slot_minutes    int          not null,
  start_minute    int          not null,
  soos            varchar(200) not null,
  priority        int          not null,
  priority_reason varchar(200),
  constraint pk_panel_agenda_item primary key (meeting_id, case_code)
);

create table panel_carried_over (
  meeting_id   varchar(36)  not null,
  case_code    varchar(9)   not null,
  review_type  varchar(8)   not null,
  priority     int          not null,
  reason       varchar(500) not null,
  constraint pk_panel_carried_over primary key (meeting_id, case_code)
);

-- The breakout room: who may read which case's anonymised update form during a meeting.
create table meeting_access (
  meeting_id    varchar(36)  not null,
  case_code     varchar(9)   not null,
  grantee       varchar(64)  not null,
  grantee_type  varchar(8)   not null,
  granted_at    timestamp    not null,
  revoked_at    timestamp
);
create index ix_meeting_access_case on meeting_access (case_code, revoked_at);

-- The maintained taxonomy of learning themes.
create table theme (
  id          varchar(40)  not null primary key,
  name        varchar(200) not null,
  active      boolean      not null,
  created_at  timestamp    not null
);
insert into theme (id, name, active, created_at) values
  ('overEmpathyForPoliceVictims', 'Over-empathy for police victims', true, current_timestamp),
  ('sympathyForPerpetrator', 'Sympathy for the perpetrator', true, current_timestamp),
  ('inexperiencedInvestigator', 'Inexperienced investigator', true, current_timestamp),
  ('workChannelsContact', 'Victim contacted on work channels', true, current_timestamp),
  ('updatesWithheld', 'Updates withheld from the victim', true, current_timestamp);

-- What a panel or case conference decided for one case. Actions are in panel_action.
create table panel_outcome (
  id                        varchar(36)   not null primary key,
  case_code                 varchar(9)    not null,
  meeting_id                varchar(36),
  kind                      varchar(12)   not null,
  direction_victim          varchar(2000),
  direction_investigation   varchar(2000),
  individual_learning       varchar(2000),
  good_practice             varchar(2000),
  bring_back                boolean       not null,
  escalate_to_conference    boolean       not null,
  primary_parties           varchar(20),
  recorded_at               timestamp     not null,
  recorded_by               varchar(64)
);
create index ix_panel_outcome_case on panel_outcome (case_code);

create table outcome_theme (
  outcome_id  varchar(36)  not null,
  theme_id    varchar(40)  not null,
  constraint pk_outcome_theme primary key (outcome_id, theme_id)
);
