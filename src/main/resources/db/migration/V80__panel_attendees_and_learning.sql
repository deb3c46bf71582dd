-- Issue #20 items 2, 5 and 7: the panel as it meets.

-- Item 2: a complex case (one routed to a case conference) that comes to the panel gets the complex
-- slot the slot rules give, and the agenda says so.
alter table panel_candidate add column complex boolean default false not null;
alter table panel_agenda_item add column complex boolean default false not null;

-- Item 5: the people present at a meeting, named at attendance (user ids only: chair, members, PSD,
-- each partner agency's representative), and when each acknowledged confidentiality for that
-- meeting. Only an attendee who acknowledged is given the agenda's cases, from the meeting's start
-- to its end (meeting_access, grantee_type USER).
create table panel_attendee (
  meeting_id       varchar(36)  not null,
  user_id          varchar(64)  not null,
  attends_as       varchar(40)  not null,
  named_at         timestamp    not null,
  acknowledged_at  timestamp,
  constraint pk_panel_attendee primary key (meeting_id, user_id)
);

-- Item 7: the SOO fed the panel's direction, learning and good practice back to the investigation
-- team: when, and by whom.
alter table panel_outcome add column learning_fed_back_at timestamp;
alter table panel_outcome add column learning_fed_back_by varchar(64);
alter table panel_outcome add column learning_feedback_note varchar(2000);
