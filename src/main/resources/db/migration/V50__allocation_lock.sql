-- #19 item 1: allocations are decided one at a time. Every allocation locks this single row
-- (select ... for update) for its transaction, then reads the roster and the allocations already
-- recorded, so two coordinators allocating at once never both take the same "fairest" SOO.
create table allocation_lock (
  id int primary key
);
insert into allocation_lock (id) values (1);
