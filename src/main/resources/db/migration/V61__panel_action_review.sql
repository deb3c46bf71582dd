-- Issue #20 item 3: at the start of each meeting the last meeting's open actions are reviewed
-- (SafeLives practice: "not done", still to do, versus "not possible", with the reason).
create table panel_action_review (
  meeting_id   varchar(36)   not null,
  action_id    varchar(36)   not null,
  status       varchar(12)   not null,
  note         varchar(1000),
  reviewed_at  timestamp     not null,
  reviewed_by  varchar(64),
  constraint pk_panel_action_review primary key (meeting_id, action_id)
);
