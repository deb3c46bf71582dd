package uk.police.daoversight.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The words and the invitation are made from the notice's fields alone. */
class MailTextTest {

  final MailText text = new MailText(ZoneId.of("Europe/London"));

  @Test
  void aMessageSaysTheCaseTheStepTheDueDateAndTheLinkAndNothingElse() {
    Notice n = Notice.task("soo1", NoticeKind.ALLOCATION, "K7Q4-M2XD", "Read case pack", Instant.parse("2027-01-08T10:00:00Z"),
        "https://oversight/camunda/app/tasklist/default/#/?task=t1", "t1");
    MailText.Mail mail = text.single(n);
    assertThat(mail.subject()).isEqualTo("A case has been allocated to you: Read case pack · K7Q4-M2XD");
    assertThat(mail.body()).isEqualTo("""
        A case has been allocated to you.

        Case: K7Q4-M2XD
        Task: Read case pack
        Due: Fri 8 Jan 2027 10:00 GMT
        Open: https://oversight/camunda/app/tasklist/default/#/?task=t1

        """ + MailText.FOOTER + "\n");
  }

  @Test
  void aDigestListsEveryNoticeInOneMessage() {
    List<Notice> notices = List.of(
        Notice.task("soo1", NoticeKind.TASK, "AAAA-BBBB", "Make scheduled victim contact", null, "https://l/1", "t1"),
        Notice.task("soo1", NoticeKind.OVERDUE, "CCCC-DDDD", "Contact victim", Instant.parse("2027-06-01T09:00:00Z"), "https://l/2", "t2"));
    MailText.Mail digest = text.digest(notices);
    assertThat(digest.subject()).isEqualTo("Daily digest: 2 notices");
    assertThat(digest.body()).contains("Case: AAAA-BBBB", "Task: Make scheduled victim contact", "Case: CCCC-DDDD",
        "Due: Tue 1 Jun 2027 10:00 BST", "Your task is overdue");
  }

  @Test
  void theSlotInvitationIsAnIcalendarRequestForTheSlotWithTheJoiningLink() throws Exception {
    Instant start = Instant.parse("2027-01-05T10:15:00Z");
    Instant end = Instant.parse("2027-01-05T10:30:00Z");
    Notice slot = new Notice("soo2", NoticeKind.PANEL_SLOT, "K7Q4-M2XD", PanelSlotNotices.STEP_NAME, start,
        "https://meet.example.invalid/lobby", start, end, "meeting-1");
    String ics = SlotInvitation.ics(slot, "oversight@force.invalid", "soo2@force.invalid", Instant.parse("2026-12-29T08:00:00Z"));
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    VEvent event = calendar.<VEvent>getComponents(Component.VEVENT).get(0);
    assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20270105T101500Z");
    assertThat(event.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20270105T103000Z");
    assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Scrutiny panel · K7Q4-M2XD");
    assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue()).isEqualTo("https://meet.example.invalid/lobby");
    assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("meeting-1-K7Q4-M2XD-soo2@case-oversight");
    assertThat(event.getProperty(Property.ATTENDEE).orElseThrow().getValue()).isEqualTo("mailto:soo2@force.invalid");
    assertThat(event.getProperty(Property.URL).orElseThrow().getValue()).isEqualTo("https://meet.example.invalid/lobby");
    Notice wordy = new Notice("soo2", NoticeKind.PANEL_SLOT, "K7Q4-M2XD", PanelSlotNotices.STEP_NAME, start,
        "https://teams.example/ (the panel's standing meeting)", start, end, "meeting-1");
    VEvent plain = new CalendarBuilder().build(new StringReader(SlotInvitation.ics(wordy, "o@x.invalid", "s@x.invalid", start)))
        .<VEvent>getComponents(Component.VEVENT).get(0);
    assertThat(plain.getProperty(Property.LOCATION).orElseThrow().getValue()).isEqualTo(wordy.link());
    assertThat(plain.getProperty(Property.URL)).as("not a URL: location only").isEmpty();
    assertThat(text.single(slot).subject()).isEqualTo("Scrutiny panel slot Tue 5 Jan 2027 10:15 GMT · K7Q4-M2XD");
  }
}
