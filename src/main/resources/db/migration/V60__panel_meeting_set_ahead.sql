-- Issue #20: the panel as it meets.

-- A meeting is booked ahead (SCHEDULED) for its date and time; its agenda is timed from that start.
-- open_on is the meeting's date while the panel is open and null once it is closed or cancelled:
-- the unique key lets the database hold one open panel per meeting date (nulls never collide).
alter table panel_meeting add column meeting_date date;
alter table panel_meeting add column open_on date;
alter table panel_meeting add column emergency boolean default false not null;
alter table panel_meeting add constraint uq_panel_meeting_open_on unique (open_on);

-- open_case_code is the case code while the meeting is open, null once closed: a case is on one
-- open panel's agenda at most. account: what happened to the case at the meeting (DISCUSSED,
-- DEFERRED, NOT_REACHED) with the reason; added_by_admin: the administrator put it there.
alter table panel_agenda_item add column open_case_code varchar(9);
alter table panel_agenda_item add constraint uq_panel_agenda_open_case unique (open_case_code);
alter table panel_agenda_item add column account varchar(12);
alter table panel_agenda_item add column account_reason varchar(500);
alter table panel_agenda_item add column added_by_admin boolean default false not null;

-- A case the last panel did not reach goes first on the next agenda; a case the SOO asked to bring
-- back says so.
alter table panel_candidate add column not_reached boolean default false not null;
alter table panel_candidate add column soo_requested boolean default false not null;

-- Meeting access holds only between the meeting's start and its end, whatever else happens.
alter table meeting_access add column valid_from timestamp;
alter table meeting_access add column valid_until timestamp;
