package uk.police.daoversight.panel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Panel meetings and their anonymous agendas. */
@Repository
public class PanelMeetings {

  public record Meeting(String id, Instant heldOn, int capacityMinutes, String status, Integer partnerAgenciesAttending) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PanelMeetings(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void create(String id, String processInstanceId, Instant heldOn, int capacityMinutes) {
    jdbc.update("insert into panel_meeting (id, process_instance_id, held_on, capacity_minutes, status) values (?,?,?,?,?)",
        id, processInstanceId, Timestamp.from(heldOn), capacityMinutes, "DRAFT");
  }

  public Optional<Meeting> find(String id) {
    return jdbc.query("select * from panel_meeting where id = ?", (rs, i) -> new Meeting(rs.getString("id"),
        rs.getTimestamp("held_on").toInstant(), rs.getInt("capacity_minutes"), rs.getString("status"),
        (Integer) rs.getObject("partner_agencies_attending")), id).stream().findFirst();
  }

  /** Replaces the meeting's agenda and carried-over list. */
  public void saveAgenda(String meetingId, Agenda agenda) {
    jdbc.update("delete from panel_agenda_item where meeting_id = ?", meetingId);
    jdbc.update("delete from panel_carried_over where meeting_id = ?", meetingId);
    List<Object[]> items = new ArrayList<>();
    for (Agenda.Item item : agenda.items()) {
      items.add(new Object[] {meetingId, items.size(), item.caseCode(), item.reviewType(), item.slotMinutes(),
          item.startMinute(), String.join(",", item.soos()), item.priority(), item.priorityReason()});
    }
    jdbc.batchUpdate("""
        insert into panel_agenda_item (meeting_id, position, case_code, review_type, slot_minutes, start_minute, soos, priority, priority_reason)
        values (?,?,?,?,?,?,?,?,?)""", items);
    jdbc.batchUpdate("insert into panel_carried_over (meeting_id, case_code, review_type, priority, reason) values (?,?,?,?,?)",
        agenda.carriedOver().stream()
            .map(c -> new Object[] {meetingId, c.caseCode(), c.reviewType(), c.priority(), c.reason()}).toList());
  }

  public List<Agenda.Item> agenda(String meetingId) {
    return jdbc.query("select * from panel_agenda_item where meeting_id = ? order by position", (rs, i) -> new Agenda.Item(
        rs.getString("case_code"), rs.getString("review_type"), rs.getInt("slot_minutes"), rs.getInt("start_minute"),
        Arrays.asList(rs.getString("soos").split(",")), rs.getInt("priority"), rs.getString("priority_reason")), meetingId);
  }

  public List<Agenda.CarriedOver> carriedOver(String meetingId) {
    return jdbc.query("select * from panel_carried_over where meeting_id = ? order by priority, case_code",
        (rs, i) -> new Agenda.CarriedOver(rs.getString("case_code"), rs.getString("review_type"), rs.getInt("priority"),
            rs.getString("reason")), meetingId);
  }

  public void published(String meetingId) {
    jdbc.update("update panel_meeting set status = 'PUBLISHED', published_at = ? where id = ?", Timestamp.from(clock.instant()), meetingId);
  }

  public void closed(String meetingId, Integer partnerAgenciesAttending, String partnerAgencies) {
    jdbc.update("update panel_meeting set status = 'CLOSED', closed_at = ?, partner_agencies_attending = ?, partner_agencies = ? where id = ?",
        Timestamp.from(clock.instant()), partnerAgenciesAttending, partnerAgencies, meetingId);
  }
}
