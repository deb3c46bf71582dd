-- The suspicious-access checks run after every audited answer (issue #16 performance): a user's
-- refusals since their last alert, and whether they were ever alerted of a kind. Without these the
-- checks read every row the user has in the period (ix_access_audit_user), thousands a day for a
-- coordinator; with them, only the user's refusals and the user's alerts.
create index ix_access_audit_user_outcome on access_audit (user_id, outcome, occurred_at);
create index ix_access_audit_user_action on access_audit (user_id, action, occurred_at);
