package uk.police.daoversight.panel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.police.daoversight.security.Groups;

/**
 * Expression bean {@code panelAttendance}: the people present at a meeting, named at "Record
 * attendance" from lists (the chair, members and PSD; each partner agency's representative), and
 * each one's acknowledgement of confidentiality for that meeting, which is what gives them the
 * agenda's cases ({@link BreakoutRoom#admit}) from the meeting's start to its end. User ids and
 * roles only: no names.
 */
@Service("panelAttendance")
public class PanelAttendance {

  /** Refused: a person named who is not on the lists, or an acknowledgement by someone not named. */
  public static class RefusedException extends RuntimeException {
    public RefusedException(String message) {
      super(message);
    }
  }

  /** The groups a member may come from, with the role the form shows. */
  static final Map<String, String> MEMBER_ROLES = Map.of(Groups.PANEL_CHAIR, "panel chair", Groups.PANEL_MEMBERS, "panel member",
      Groups.PSD, "PSD representative");
  static final String PARTNER_ROLE = "partner agency representative";

  private final JdbcTemplate jdbc;
  private final PanelMeetings meetings;
  private final BreakoutRoom room;
  private final PanelSettings settings;
  private final Clock clock;

  public PanelAttendance(JdbcTemplate jdbc, PanelMeetings meetings, BreakoutRoom room,
                         PanelSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.meetings = meetings;
    this.room = room;
    this.settings = settings;
    this.clock = clock;
  }

  /** The chair, members and PSD representatives as the form's options: {label "panel1 (panel member)", value "panel1"}. */
  public List<Map<String, String>> memberOptions() {
    List<Map<String, String>> options = new ArrayList<>();
    for (String group : List.of(Groups.PANEL_CHAIR, Groups.PANEL_MEMBERS, Groups.PSD)) {
      for (String user : users(group)) {
        options.add(option(user, user + " (" + MEMBER_ROLES.get(group) + ")"));
      }
    }
    return options;
  }

  /** Each partner agency's representatives as the form's options. */
  public List<Map<String, String>> partnerOptions() {
    return users(Groups.PARTNER_AGENCIES).stream().map(u -> option(u, u + " (" + PARTNER_ROLE + ")")).toList();
  }

  /**
   * Names the people present (replacing an earlier list for the meeting). Each must be on the lists;
   * an acknowledgement already given stands.
   *
   * @throws RefusedException with the reason when someone named is not on the lists
   */
  @Transactional
  public void name(String meetingId, List<String> members, List<String> partners) {
    Map<String, String> named = new LinkedHashMap<>();
    Set<String> memberIds = values(memberOptions());
    Set<String> partnerIds = values(partnerOptions());
    List<String> refused = new ArrayList<>();
    for (String m : members) {
      if (memberIds.contains(m)) {
        named.put(m, roleOf(m));
      } else {
        refused.add(m);
      }
    }
    for (String p : partners) {
      if (partnerIds.contains(p)) {
        named.putIfAbsent(p, PARTNER_ROLE);
      } else {
        refused.add(p);
      }
    }
    if (!refused.isEmpty()) {
      throw new RefusedException("Not on the panel's lists of members and partner agency representatives: "
          + String.join(", ", refused));
    }
    jdbc.update("delete from panel_attendee where meeting_id = ? and acknowledged_at is null", meetingId);
    Timestamp now = Timestamp.from(clock.instant());
    for (Map.Entry<String, String> e : named.entrySet()) {
      Integer already = jdbc.queryForObject("select count(*) from panel_attendee where meeting_id = ? and user_id = ?",
          Integer.class, meetingId, e.getKey());
      if (already == null || already == 0) {
        jdbc.update("insert into panel_attendee (meeting_id, user_id, attends_as, named_at) values (?,?,?,?)",
            meetingId, e.getKey(), e.getValue(), now);
      }
    }
  }

  /** The people named for the meeting who have not yet acknowledged confidentiality (one task each). */
  public List<String> toAcknowledge(String meetingId) {
    return jdbc.queryForList("select user_id from panel_attendee where meeting_id = ? and acknowledged_at is null order by user_id",
        String.class, meetingId);
  }

  /** Everyone named for the meeting. */
  public List<String> attendees(String meetingId) {
    return jdbc.queryForList("select user_id from panel_attendee where meeting_id = ? order by user_id", String.class, meetingId);
  }

  /**
   * The attendee acknowledges confidentiality for this meeting: they are given the agenda's cases
   * (except any they are conflicted on) from the meeting's start to its end. Returns the cases given.
   *
   * @throws RefusedException when they were not named for this meeting, or the meeting is over
   */
  @Transactional
  public List<String> acknowledge(String meetingId, String userId) {
    PanelMeetings.Meeting meeting = meetings.find(meetingId).orElseThrow();
    if (userId == null || !attendees(meetingId).contains(userId)) {
      throw new RefusedException("Only a person named at attendance acknowledges confidentiality for this meeting");
    }
    if (!"PUBLISHED".equals(meeting.status())) {
      throw new RefusedException("The meeting is over: nothing to acknowledge");
    }
    int updated = jdbc.update("update panel_attendee set acknowledged_at = ? where meeting_id = ? and user_id = ? and acknowledged_at is null",
        Timestamp.from(clock.instant()), meetingId, userId);
    if (updated == 0) {
      return List.of();
    }
    return room.admit(meetingId, userId, meetings.agenda(meetingId), meeting.heldOn(), meeting.endsAt());
  }

  /** "the panel of 2027-01-05, 10:00-13:00": the meeting an acknowledgement is for. */
  public String meetingTimes(String meetingId) {
    PanelMeetings.Meeting meeting = meetings.find(meetingId).orElseThrow();
    DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", java.util.Locale.UK).withZone(settings.zone());
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(settings.zone());
    return day.format(meeting.heldOn()) + "-" + hhmm.format(meeting.endsAt());
  }

  /** The acknowledgement task's name. */
  public String acknowledgementTitle(String meetingId) {
    return "Acknowledge confidentiality for the panel of " + meetingTimes(meetingId);
  }

  private String roleOf(String userId) {
    for (String group : List.of(Groups.PANEL_CHAIR, Groups.PANEL_MEMBERS, Groups.PSD)) {
      if (users(group).contains(userId)) {
        return MEMBER_ROLES.get(group);
      }
    }
    return PARTNER_ROLE;
  }

  /**
   * The group's members from the engine's identity tables, read by the application itself: the
   * administrator who records attendance need not be allowed to browse users.
   */
  private List<String> users(String group) {
    return jdbc.queryForList("select USER_ID_ from ACT_ID_MEMBERSHIP where GROUP_ID_ = ? order by USER_ID_", String.class, group);
  }

  private static Set<String> values(List<Map<String, String>> options) {
    Set<String> values = new LinkedHashSet<>();
    options.forEach(o -> values.add(o.get("value")));
    return values;
  }

  private static Map<String, String> option(String value, String label) {
    Map<String, String> option = new LinkedHashMap<>();
    option.put("label", label);
    option.put("value", value);
    return option;
  }
}
