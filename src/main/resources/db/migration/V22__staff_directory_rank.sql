-- The staff directory as the force's HR feed delivers it (issue #16 item 5): rank too.
alter table staff_directory add column staff_rank varchar(60);
alter table staff_directory add column imported_at timestamp;
