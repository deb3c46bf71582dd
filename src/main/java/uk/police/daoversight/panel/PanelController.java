package uk.police.daoversight.panel;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.NotFoundException;

/** {@code GET /api/panels/{id}/agenda}: the anonymous agenda, for the coordinators and the attendees. */
@RestController
public class PanelController {

  public record AgendaView(String panelId, Instant heldOn, String status, int capacityMinutes, int usedMinutes,
                           List<Item> items, List<Agenda.CarriedOver> carriedOver) {}

  public record Item(Instant time, String caseCode, String reviewType, int slotMinutes, List<String> soos,
                     int priority, String priorityReason) {}

  private final PanelMeetings meetings;
  private final CurrentUser currentUser;

  private final uk.police.daoversight.audit.AccessAudit audit;

  public PanelController(PanelMeetings meetings, CurrentUser currentUser, uk.police.daoversight.audit.AccessAudit audit) {
    this.audit = audit;
    this.meetings = meetings;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/panels/{panelId}/agenda")
  public AgendaView agenda(@PathVariable String panelId) {
    currentUser.requireAnyGroup(Groups.CASE_COORDINATORS, Groups.PANEL_CHAIR, Groups.PANEL_MEMBERS,
        Groups.PARTNER_AGENCIES, Groups.PSD);
    PanelMeetings.Meeting meeting = meetings.find(panelId).orElseThrow(() -> new NotFoundException("No panel " + panelId));
    List<Item> items = meetings.agenda(panelId).stream()
        .map(i -> new Item(meeting.heldOn().plusSeconds(i.startMinute() * 60L), i.caseCode(), i.reviewType(),
            i.slotMinutes(), i.soos(), i.priority(), i.priorityReason()))
        .toList();
    var carriedOver = meetings.carriedOver(panelId);
    // The access record: one row per case the agenda names (issue #16 item 1), in one batch.
    java.util.Set<String> cases = new java.util.LinkedHashSet<>();
    items.forEach(i -> cases.add(i.caseCode()));
    carriedOver.forEach(c -> cases.add(c.caseCode()));
    audit.recordAll(cases.stream().map(code -> new uk.police.daoversight.audit.AccessAudit.Row(currentUser.userId(), code,
        "READ_AGENDA", uk.police.daoversight.audit.AccessAudit.Outcome.ALLOWED, "panel " + panelId)).toList());
    return new AgendaView(panelId, meeting.heldOn(), meeting.status(), meeting.capacityMinutes(),
        items.stream().mapToInt(Item::slotMinutes).sum(), items, carriedOver);
  }
}
