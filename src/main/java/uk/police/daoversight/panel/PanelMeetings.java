package uk.police.daoversight.panel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Panel meetings and their anonymous agendas. */
@Repository
public class PanelMeetings {

  public record Meeting(String id, Instant heldOn, int capacityMinutes, String status, Integer partnerAgenciesAttending,
                        boolean emergency) {

    public Instant endsAt() {
      return heldOn.plusSeconds(capacityMinutes * 60L);
    }
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PanelMeetings(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Statuses of an open panel (its date is held); CLOSED and CANCELLED release it. */
  public static final List<String> OPEN = List.of("SCHEDULED", "DRAFT", "PUBLISHED");

  /** The date is already held by another open panel (the database's unique key on open_on). */
  public static class DateTakenException extends RuntimeException {
    public DateTakenException(LocalDate date) {
      super("Another panel is already open on " + date + ": choose another date, or add the cases to that panel");
    }
  }

  /**
   * Books a meeting for its start: the database refuses a second open panel on the same date.
   *
   * @throws DateTakenException when another open panel holds the date
   */
  public void book(String id, Instant start, ZoneId zone, int capacityMinutes, boolean emergency) {
    LocalDate date = LocalDate.ofInstant(start, zone);
    // Asked first: a refused insert would abort the engine's transaction on PostgreSQL. The unique key
    // decides a race between two bookings; the loser's job fails, and its retry is refused here.
    Integer taken = jdbc.queryForObject("select count(*) from panel_meeting where open_on = ?", Integer.class,
        java.sql.Date.valueOf(date));
    if (taken != null && taken > 0) {
      throw new DateTakenException(date);
    }
    try {
      jdbc.update("""
          insert into panel_meeting (id, held_on, meeting_date, open_on, capacity_minutes, status, emergency)
          values (?,?,?,?,?,?,?)""", id, Timestamp.from(start), java.sql.Date.valueOf(date), java.sql.Date.valueOf(date),
          capacityMinutes, "SCHEDULED", emergency);
    } catch (DuplicateKeyException e) {
      throw new DateTakenException(date);
    }
  }

  /** The process that draws up and holds the agenda takes the booked meeting. */
  public void drafting(String id, String processInstanceId) {
    jdbc.update("update panel_meeting set status = 'DRAFT', process_instance_id = ? where id = ? and status = 'SCHEDULED'",
        processInstanceId, id);
  }

  /** The open panel (if any) that has this case on its agenda, other than the given meeting. */
  public Optional<String> openPanelWith(String caseCode, String exceptMeetingId) {
    return jdbc.queryForList("select meeting_id from panel_agenda_item where open_case_code = ? and meeting_id <> ?",
        String.class, caseCode, exceptMeetingId).stream().findFirst();
  }

  /** Case codes on the agendas of open panels other than this one. */
  public java.util.Set<String> onOtherOpenPanels(String meetingId) {
    return new java.util.HashSet<>(jdbc.queryForList(
        "select open_case_code from panel_agenda_item where open_case_code is not null and meeting_id <> ?", String.class, meetingId));
  }

  /** A panel ended without closing (deleted, or its calendar entry withdrawn): its date and cases are free again. */
  public void cancelled(String meetingId) {
    jdbc.update("update panel_agenda_item set open_case_code = null where meeting_id = ?", meetingId);
    jdbc.update("update panel_meeting set status = 'CANCELLED', open_on = null where id = ? and status <> 'CLOSED'", meetingId);
  }

  public Optional<Meeting> find(String id) {
    return jdbc.query("select * from panel_meeting where id = ?", (rs, i) -> new Meeting(rs.getString("id"),
        rs.getTimestamp("held_on").toInstant(), rs.getInt("capacity_minutes"), rs.getString("status"),
        (Integer) rs.getObject("partner_agencies_attending"), rs.getBoolean("emergency")), id).stream().findFirst();
  }

  /** Replaces the meeting's agenda and carried-over list. */
  public void saveAgenda(String meetingId, Agenda agenda) {
    jdbc.update("delete from panel_agenda_item where meeting_id = ?", meetingId);
    jdbc.update("delete from panel_carried_over where meeting_id = ?", meetingId);
    List<Object[]> items = new ArrayList<>();
    for (Agenda.Item item : agenda.items()) {
      items.add(new Object[] {meetingId, items.size(), item.caseCode(), item.caseCode(), item.reviewType(), item.slotMinutes(),
          item.startMinute(), String.join(",", item.soos()), item.priority(), item.priorityReason(), item.addedByAdmin(), item.complex()});
    }
    jdbc.batchUpdate("""
        insert into panel_agenda_item (meeting_id, position, case_code, open_case_code, review_type, slot_minutes, start_minute,
          soos, priority, priority_reason, added_by_admin, complex)
        values (?,?,?,?,?,?,?,?,?,?,?,?)""", items);
    jdbc.batchUpdate("insert into panel_carried_over (meeting_id, case_code, review_type, priority, reason) values (?,?,?,?,?)",
        agenda.carriedOver().stream()
            .map(c -> new Object[] {meetingId, c.caseCode(), c.reviewType(), c.priority(), c.reason()}).toList());
  }

  public List<Agenda.Item> agenda(String meetingId) {
    return jdbc.query("select * from panel_agenda_item where meeting_id = ? order by position", (rs, i) -> new Agenda.Item(
        rs.getString("case_code"), rs.getString("review_type"), rs.getInt("slot_minutes"), rs.getInt("start_minute"),
        Arrays.asList(rs.getString("soos").split(",")), rs.getInt("priority"), rs.getString("priority_reason"),
        rs.getBoolean("added_by_admin"), rs.getBoolean("complex")), meetingId);
  }

  public List<Agenda.CarriedOver> carriedOver(String meetingId) {
    return jdbc.query("select * from panel_carried_over where meeting_id = ? order by priority, case_code",
        (rs, i) -> new Agenda.CarriedOver(rs.getString("case_code"), rs.getString("review_type"), rs.getInt("priority"),
            rs.getString("reason")), meetingId);
  }

  public void published(String meetingId) {
    jdbc.update("update panel_meeting set status = 'PUBLISHED', published_at = ? where id = ?", Timestamp.from(clock.instant()), meetingId);
  }

  /** Closed: every case on the agenda is accounted for; the date and the cases are free for other panels. */
  public void closed(String meetingId, Integer partnerAgenciesAttending, String partnerAgencies) {
    jdbc.update("update panel_agenda_item set account = 'NOT_REACHED', account_reason = 'Not reached at the meeting' "
        + "where meeting_id = ? and account is null", meetingId);
    jdbc.update("update panel_agenda_item set open_case_code = null where meeting_id = ?", meetingId);
    jdbc.update("update panel_meeting set status = 'CLOSED', closed_at = ?, open_on = null, partner_agencies_attending = ?, "
        + "partner_agencies = ? where id = ?", Timestamp.from(clock.instant()), partnerAgenciesAttending, partnerAgencies, meetingId);
  }

  /** What happened to one case at the meeting: DISCUSSED, DEFERRED or NOT_REACHED, and why. */
  public void account(String meetingId, String caseCode, String account, String reason) {
    jdbc.update("update panel_agenda_item set account = ?, account_reason = ? where meeting_id = ? and case_code = ?",
        account, reason, meetingId, caseCode);
  }

  /** The case's account at the meeting, or null while it is not yet accounted for. */
  public String accountOf(String meetingId, String caseCode) {
    List<String> accounts = jdbc.queryForList("select account from panel_agenda_item where meeting_id = ? and case_code = ?",
        String.class, meetingId, caseCode);
    return accounts.isEmpty() ? null : accounts.get(0);
  }
}
