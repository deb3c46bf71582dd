-- Issue #17: the re-encryption job's progress per case (resumable: a case not yet re-encrypted since
-- the job's start is picked up again), and the retention schedule's progress.
alter table case_key add column reencrypted_at timestamp;
