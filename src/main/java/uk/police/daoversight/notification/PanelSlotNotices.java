package uk.police.daoversight.notification;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.police.daoversight.panel.Agenda;
import uk.police.daoversight.panel.AgendaDesk;
import uk.police.daoversight.panel.PanelMeetings;
import uk.police.daoversight.process.PanelVariables;

/**
 * At the end of "Publish agenda" ({@link NotifiedSteps#PUBLISH_AGENDA}, put there by
 * {@link NotificationPlugin}): each SOO of each case on the published agenda gets an invitation to
 * their own slot, from the slots the agenda already has ({@link AgendaDesk#slotStart},
 * {@link AgendaDesk#slotEnd}), in the publication's transaction.
 */
@Component
public class PanelSlotNotices implements ExecutionListener {

  /** The step name an invitation carries. */
  public static final String STEP_NAME = "Join the scrutiny panel for your case";

  private final PanelMeetings meetings;
  private final AgendaDesk desk;
  private final NotificationOutbox outbox;
  private final NotificationSettings settings;

  public PanelSlotNotices(PanelMeetings meetings, AgendaDesk desk, NotificationOutbox outbox, NotificationSettings settings) {
    this.meetings = meetings;
    this.desk = desk;
    this.outbox = outbox;
    this.settings = settings;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String meetingId = PanelVariables.PANEL_ID.from(execution).getOrNull();
    if (meetingId == null) {
      return;
    }
    invite(meetingId);
  }

  /** One invitation per SOO per slot of the meeting, once it is published. */
  public void invite(String meetingId) {
    PanelMeetings.Meeting meeting = meetings.find(meetingId).orElse(null);
    if (meeting == null || !"PUBLISHED".equals(meeting.status())) {
      return;
    }
    for (Agenda.Item item : meetings.agenda(meetingId)) {
      for (String soo : item.soos()) {
        inviteSoo(meetingId, item.caseCode(), soo);
      }
    }
  }

  /**
   * One SOO's invitation to one case's slot, in the caller's transaction. Public so that a per-SOO
   * step of the panel can send it instead of the publication (README "Notifications").
   */
  public void inviteSoo(String meetingId, String caseCode, String soo) {
    Instant start = desk.slotStart(meetingId, caseCode).toInstant();
    Instant end = desk.slotEnd(meetingId, caseCode).toInstant();
    outbox.add(new Notice(soo, NoticeKind.PANEL_SLOT, caseCode, STEP_NAME, start, settings.panelJoiningLink(), start, end,
        meetingId));
  }
}
