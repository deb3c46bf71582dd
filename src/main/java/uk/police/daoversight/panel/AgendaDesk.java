package uk.police.daoversight.panel;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.UUID;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.process.EngineText;
import uk.police.daoversight.vault.IdentityVault;

/**
 * The panel administrator's desk: the draft agenda from every waiting case, the administrator's
 * changes (defer with a reason, add, put first), publication with the breakout room opened, and the
 * meeting's close. The packing itself is {@link AgendaBuilder}.
 */
@Service
public class AgendaDesk {

  /** The administrator's changes, as typed on the "Prepare agenda" form. */
  public record Changes(String deferCases, String addCases, String caseOrder) {}

  private final PanelCandidates candidates;
  private final PanelMeetings meetings;
  private final PanelRules rules;
  private final SooRoster roster;
  private final IdentityVault vault;
  private final BreakoutRoom breakoutRoom;
  private final PanelSettings settings;
  private final Clock clock;
  private final AgendaBuilder builder = new AgendaBuilder();

  public AgendaDesk(PanelCandidates candidates, PanelMeetings meetings, PanelRules rules, SooRoster roster,
                    IdentityVault vault, BreakoutRoom breakoutRoom, PanelSettings settings, Clock clock) {
    this.candidates = candidates;
    this.meetings = meetings;
    this.rules = rules;
    this.roster = roster;
    this.vault = vault;
    this.breakoutRoom = breakoutRoom;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Books a meeting: the calendar's for the monthly panel, or the administrator's emergency panel.
   *
   * @throws PanelMeetings.DateTakenException when another open panel holds that date
   * @throws IllegalArgumentException when the time is missing, unreadable or already past
   */
  public String book(String meetingStart, boolean emergency) {
    Instant start = settings.start(meetingStart);
    if (!start.isAfter(clock.instant())) {
      throw new IllegalArgumentException("The meeting time " + meetingStart + " has already passed");
    }
    String meetingId = UUID.randomUUID().toString();
    meetings.book(meetingId, start, settings.zone(), settings.getCapacityMinutes(), emergency);
    return meetingId;
  }

  /** The booked meeting's first agenda, drawn from every waiting case and timed from the meeting's start. */
  public Agenda draft(String meetingId, String processInstanceId) {
    meetings.drafting(meetingId, processInstanceId);
    return revise(meetingId, new Changes(null, null, null));
  }

  /** Why a case waits for the monthly panel rather than an emergency panel. */
  public static final String NOT_URGENT = "Not urgent: waits for the monthly panel";

  /** The case's slot: its start and end times, in agenda order. */
  public Date slotStart(String meetingId, String caseCode) {
    return Date.from(slot(meetingId, caseCode)[0]);
  }

  /** The outcome task of a slot is due at the slot's end. */
  public Date slotEnd(String meetingId, String caseCode) {
    return Date.from(slot(meetingId, caseCode)[1]);
  }

  /** The chair's task name for a slot: "10:15-10:30 K7Q4-M2XD: record the outcome". */
  public String slotTitle(String meetingId, String caseCode) {
    Instant[] slot = slot(meetingId, caseCode);
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(settings.zone());
    return hhmm.format(slot[0]) + "-" + hhmm.format(slot[1]) + " " + caseCode + ": record the outcome";
  }

  private Instant[] slot(String meetingId, String caseCode) {
    Instant start = meetings.find(meetingId).orElseThrow().heldOn();
    Agenda.Item item = meetings.agenda(meetingId).stream().filter(i -> i.caseCode().equals(caseCode)).findFirst()
        .orElseThrow(() -> new IllegalStateException("Case " + caseCode + " is not on the agenda of panel " + meetingId));
    Instant from = start.plusSeconds(item.startMinute() * 60L);
    return new Instant[] {from, from.plusSeconds(item.slotMinutes() * 60L)};
  }

  /**
   * One entry per SOO per slot, in agenda order: "K7Q4-M2XD/soo1". Each SOO is told their slot
   * (both SOOs of a counter-allegation case share one slot, each told).
   */
  public List<String> sooSlots(String meetingId) {
    List<String> slots = new ArrayList<>();
    for (Agenda.Item item : meetings.agenda(meetingId)) {
      item.soos().stream().filter(s -> !s.isBlank()).forEach(soo -> slots.add(item.caseCode() + "/" + soo));
    }
    return slots;
  }

  public static String caseOfSlot(String sooSlot) {
    return sooSlot.substring(0, sooSlot.indexOf('/'));
  }

  public static String sooOfSlot(String sooSlot) {
    return sooSlot.substring(sooSlot.indexOf('/') + 1);
  }

  /** The SOO's notice: "Your panel slot 10:15-10:30 on 5 January 2027 · K7Q4-M2XD". */
  public String sooSlotTitle(String meetingId, String sooSlot) {
    String caseCode = caseOfSlot(sooSlot);
    Instant start = meetings.find(meetingId).orElseThrow().heldOn();
    DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK).withZone(settings.zone());
    return "Your panel slot " + slotTimes(meetingId, caseCode) + " on " + day.format(start) + " · " + caseCode;
  }

  /** "10:15-10:30" */
  public String slotTimes(String meetingId, String caseCode) {
    Instant[] slot = slot(meetingId, caseCode);
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(settings.zone());
    return hhmm.format(slot[0]) + "-" + hhmm.format(slot[1]);
  }

  /** What happened to a case in its slot. */
  public enum SlotResult { DISCUSSED, DEFERRED, NOT_REACHED }

  /**
   * Accounts for a case the meeting did not discuss: deferred with the reason, or not reached (it
   * stays waiting and goes first at the next panel). A discussed case is accounted for when its
   * outcome is recorded ({@link #discussed}).
   */
  public void notDiscussed(String meetingId, String caseCode, SlotResult result, String reason) {
    meetings.account(meetingId, caseCode, result.name(), reason);
    if (result == SlotResult.NOT_REACHED) {
      candidates.notReached(caseCode);
    }
  }

  public void discussed(String meetingId, String caseCode) {
    meetings.account(meetingId, caseCode, SlotResult.DISCUSSED.name(), null);
  }

  /** Applies the administrator's changes to a fresh packing of every waiting case. */
  public Agenda revise(String meetingId, Changes changes) {
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, String> deferred = parseDeferrals(changes.deferCases(), problems);
    List<String> added = codes(changes.addCases());
    List<String> order = codes(changes.caseOrder());
    for (String code : added) {
      if (!vault.exists(code) || roster.activeSoos(code).isEmpty()) {
        problems.put(code, "is not an open case with a SOO");
      } else if (!candidates.isWaiting(code)) {
        candidates.list(code, PanelCandidates.UPDATE, false, "STANDARD");
      } else if (meetings.openPanelWith(code, meetingId).isPresent()) {
        problems.put(code, "is on the agenda of another open panel: defer it there first");
      }
    }
    List<PanelCandidates.Waiting> waitingCases = candidates.waiting();
    Set<String> waiting = waitingCases.stream().map(PanelCandidates.Waiting::caseCode).collect(Collectors.toSet());
    for (String code : deferred.keySet()) {
      if (!waiting.contains(code)) {
        problems.put(code, "cannot be deferred: it is not waiting for this panel");
      }
    }
    for (String code : order) {
      if (!waiting.contains(code)) {
        problems.put(code, "cannot be put first: it is not waiting for this panel");
      }
    }
    if (!problems.isEmpty()) {
      throw new AgendaChangeRefusedException(problems.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")));
    }
    PanelMeetings.Meeting meeting = meetings.find(meetingId).orElseThrow();
    Map<String, String> elsewhere = new LinkedHashMap<>();
    Set<String> onOtherPanels = meetings.onOtherOpenPanels(meetingId);
    for (PanelCandidates.Waiting w : waitingCases) {
      if (onOtherPanels.contains(w.caseCode())) {
        elsewhere.put(w.caseCode(), "On the agenda of another open panel");
      } else if (meeting.emergency() && !"HIGH".equals(w.riskLevel()) && !added.contains(w.caseCode())) {
        elsewhere.put(w.caseCode(), NOT_URGENT);
      }
    }
    Agenda agenda = builder.build(candidatesNow(waitingCases), meeting.capacityMinutes(), rules.latest(), deferred, order,
        added, elsewhere);
    meetings.saveAgenda(meetingId, agenda);
    return agenda;
  }

  /** Publishes the agenda and opens the breakout room. */
  public Agenda publish(String meetingId, Changes changes) {
    Agenda agenda = revise(meetingId, changes);
    meetings.published(meetingId);
    PanelMeetings.Meeting meeting = meetings.find(meetingId).orElseThrow();
    breakoutRoom.open(meetingId, agenda.items(), meeting.heldOn(), meeting.endsAt());
    return agenda;
  }

  /** When outcomes still unrecorded become "not reached": the meeting's end plus the grace. */
  public Date outcomesCloseAt(String meetingId) {
    return Date.from(meetings.find(meetingId).orElseThrow().endsAt().plus(settings.getOutcomeGrace()));
  }

  /**
   * Closes the meeting: access ends, and every case on the agenda with no account is not reached (it
   * stays waiting and goes first at the next panel).
   */
  public void close(String meetingId, Integer partnerAgenciesAttending, String partnerAgencies) {
    breakoutRoom.close(meetingId);
    for (Agenda.Item item : meetings.agenda(meetingId)) {
      if (meetings.accountOf(meetingId, item.caseCode()) == null) {
        notDiscussed(meetingId, item.caseCode(), SlotResult.NOT_REACHED, "No outcome recorded by the end of the meeting");
      }
    }
    meetings.closed(meetingId, partnerAgenciesAttending, partnerAgencies);
  }

  public List<String> caseCodes(String meetingId) {
    return meetings.agenda(meetingId).stream().map(Agenda.Item::caseCode).toList();
  }

  /** One line per agenda item: time, case code, review type, slot, SOO(s). */
  public String summary(String meetingId) {
    Instant start = meetings.find(meetingId).orElseThrow().heldOn();
    List<String> lines = meetings.agenda(meetingId).stream().map(i -> describe(start, i)).toList();
    return EngineText.joinWithin(lines, "\n", EngineText.MAX_CHARS, n -> "... and " + n + " more cases on the agenda");
  }

  public String describe(String meetingId, String caseCode) {
    Instant start = meetings.find(meetingId).orElseThrow().heldOn();
    return meetings.agenda(meetingId).stream().filter(i -> i.caseCode().equals(caseCode)).findFirst()
        .map(i -> describe(start, i)).orElse(caseCode);
  }

  /**
   * One line per case carried over, the administrator's deferrals first, then by priority; as many as
   * the engine's text variable holds, then how many more (every one is in panel_carried_over and
   * waits for the next panel).
   */
  public String carriedOverSummary(String meetingId) {
    List<Agenda.CarriedOver> carried = new ArrayList<>(meetings.carriedOver(meetingId));
    if (carried.isEmpty()) {
      return "None";
    }
    carried.sort(Comparator.comparing((Agenda.CarriedOver c) -> !c.reason().startsWith(Agenda.DEFERRED_PREFIX)));
    List<String> lines = carried.stream().map(c -> c.caseCode() + " (" + c.reviewType() + "): " + c.reason()).toList();
    return EngineText.joinWithin(lines, "\n", EngineText.MAX_CHARS,
        n -> "... and " + n + " more cases carried over to the next panel (" + carried.size() + " in all)");
  }

  /**
   * The agenda as the "Prepare agenda" form's table: one row per slot with its time, case code, type
   * (NEW, UPDATE, complex), minutes, SOO(s) and why it is there. Case codes and user ids only.
   */
  public List<Map<String, Object>> slotRows(String meetingId) {
    Instant start = meetings.find(meetingId).orElseThrow().heldOn();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Agenda.Item item : meetings.agenda(meetingId)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("time", times(start, item));
      row.put("caseCode", item.caseCode());
      row.put("type", item.typeShown());
      row.put("minutes", item.slotMinutes());
      row.put("soo", String.join(" and ", item.soos()));
      row.put("why", item.addedByAdmin() ? "Added by the administrator; " + item.priorityReason() : item.priorityReason());
      rows.add(row);
    }
    return rows;
  }

  /** The cases carried over as the form's second table: case code, type and the reason, deferrals first. */
  public List<Map<String, Object>> carriedOverRows(String meetingId) {
    List<Agenda.CarriedOver> carried = new ArrayList<>(meetings.carriedOver(meetingId));
    carried.sort(Comparator.comparing((Agenda.CarriedOver c) -> !c.reason().startsWith(Agenda.DEFERRED_PREFIX)));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Agenda.CarriedOver c : carried) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("caseCode", c.caseCode());
      row.put("type", c.reviewType());
      row.put("reason", c.reason());
      rows.add(row);
    }
    return rows;
  }

  /**
   * The cases the administrator may put first or defer: every case waiting for this panel (on the
   * agenda or carried over), as a form-js list of {label, value}; the value is the case code.
   */
  public List<Map<String, String>> waitingOptions(String meetingId) {
    List<Map<String, String>> options = new ArrayList<>();
    for (Agenda.Item item : meetings.agenda(meetingId)) {
      options.add(option(item.caseCode(), item.caseCode() + " (" + times(meetings.find(meetingId).orElseThrow().heldOn(), item)
          + ", " + item.typeShown() + ")"));
    }
    for (Agenda.CarriedOver c : meetings.carriedOver(meetingId)) {
      options.add(option(c.caseCode(), c.caseCode() + " (carried over, " + c.reviewType() + ")"));
    }
    return options;
  }

  /**
   * The open cases with a SOO that are not waiting and on no other open panel: those the
   * administrator may add; with the ones already added (the form sends its ticks back).
   */
  public List<Map<String, String>> addOptions(String meetingId, List<String> alreadyAdded) {
    Set<String> waiting = candidates.waiting().stream().map(PanelCandidates.Waiting::caseCode).collect(Collectors.toSet());
    Set<String> elsewhere = meetings.onOtherOpenPanels(meetingId);
    // A case added at the last revision is waiting now, and stays offered so the form can send it back.
    return roster.openCases().stream()
        .filter(c -> (!waiting.contains(c) || alreadyAdded.contains(c)) && !elsewhere.contains(c))
        .map(c -> option(c, c)).toList();
  }

  private static Map<String, String> option(String value, String label) {
    Map<String, String> option = new LinkedHashMap<>();
    option.put("label", label);
    option.put("value", value);
    return option;
  }

  private String times(Instant start, Agenda.Item item) {
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(settings.zone());
    return hhmm.format(start.plusSeconds(item.startMinute() * 60L)) + "-"
        + hhmm.format(start.plusSeconds((item.startMinute() + item.slotMinutes()) * 60L));
  }

  private String describe(Instant start, Agenda.Item item) {
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(settings.zone());
    return hhmm.format(start.plusSeconds(item.startMinute() * 60L)) + "-"
        + hhmm.format(start.plusSeconds((item.startMinute() + item.slotMinutes()) * 60L)) + "  " + item.caseCode()
        + "  " + item.typeShown() + "  " + item.slotMinutes() + " min  SOO " + String.join(" and ", item.soos())
        + "  (" + item.priorityReason() + ")";
  }

  private List<AgendaCandidate> candidatesNow(List<PanelCandidates.Waiting> waiting) {
    Instant now = clock.instant();
    Map<String, List<String>> soos = roster.activeSoos(waiting.stream().map(PanelCandidates.Waiting::caseCode).toList());
    List<AgendaCandidate> list = new ArrayList<>();
    for (PanelCandidates.Waiting w : waiting) {
      list.add(new AgendaCandidate(w.caseCode(), w.reviewType(), w.requestedBack(), w.riskLevel(), w.daysWaiting(now),
          soos.getOrDefault(w.caseCode(), List.of()), w.notReached(), w.sooRequested(), w.complex()));
    }
    return list;
  }

  /** "K7Q4-M2XD: reason; M2XD-K7Q4: reason" */
  static Map<String, String> parseDeferrals(String text, Map<String, String> problems) {
    Map<String, String> deferred = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return deferred;
    }
    for (String entry : text.split("[;\\n]")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split(":", 2);
      String code = parts[0].trim().toUpperCase();
      if (parts.length < 2 || parts[1].isBlank()) {
        problems.put(code, "needs a reason to be deferred (write CODE: reason)");
      } else {
        deferred.put(code, parts[1].trim());
      }
    }
    return deferred;
  }

  static List<String> codes(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<String> codes = new ArrayList<>();
    for (String code : text.split("[,;\\s]+")) {
      if (!code.isBlank()) {
        codes.add(code.trim().toUpperCase());
      }
    }
    return codes;
  }
}
