package uk.police.daoversight.notification;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.MimeMessageHelper;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.intake.ReferralRequest.PartyRequest;
import uk.police.daoversight.panel.AgendaDesk;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.OpenPanels;
import uk.police.daoversight.support.Referrals;

/**
 * Notifications through a real SMTP server (GreenMail on port 39025, the test profile's relay): what
 * one case and one panel send, read as the recipients' mail programs would (decoded), scanned for
 * every identity the case's vault holds; the panel slot's .ics parsed; a relay that is down retried
 * without holding up the case; the daily digest as one message.
 */
@IntegrationTest
class NotificationMailTest extends EngineTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(39025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired NotificationSender sender;
  @Autowired NotificationOutbox outbox;
  @Autowired NotificationSettings settings;
  @Autowired AgendaDesk desk;
  @Autowired TestRestTemplate rest;
  @Autowired uk.police.daoversight.allocation.ReallocationService reallocation;

  CaseDriver driver;

  @BeforeEach
  void init() {
    driver = new CaseDriver(runtimeService);
    ClockUtil.setCurrentTime(new Date());
    // Other tests' cases leave notices behind in the shared database: this test sends only its own.
    jdbc.update("update notification_outbox set status = 'SKIPPED' where status = 'PENDING'");
  }

  @AfterEach
  void everyoneImmediate() {
    jdbc.update("delete from notification_preference");
  }

  @Test
  void oneCaseTellsTheSooOfAllocationAndOfTheMissedDeadlineAndTheCoordinatorsOfEachChaseWithNoIdentity() throws Exception {
    ReferralRequest referral = Referrals.policeVictim("MASH");
    ProcessInstance pi = driver.start(referral);
    String code = pi.getBusinessKey();
    driver.reviewHistory(pi);
    Assertions.assertThat(sender.sendDue()).as("the coordinators' own queue is not mailed").isZero();

    String soo = driver.allocateAsRecommended(pi);
    Assertions.assertThat(sender.sendDue()).isEqualTo(1);
    MimeMessage allocation = only(smtp.getReceivedMessages());
    Assertions.assertThat(recipients(allocation)).containsExactly(soo + "@demo.invalid");
    Assertions.assertThat(allocation.getSubject()).isEqualTo("A case has been allocated to you: Read case pack · " + code);
    String packId = task("readCasePack", pi).getId();
    Assertions.assertThat(text(allocation)).contains("Case: " + code, "Task: Read case pack", "Due: ",
        settings.taskLink(packId));

    // The SOO's next task, offered by the process (the test completes the pack unauthenticated; a SOO
    // completing it in Tasklist would not be told of their own next step, see NoticePlannerTest).
    smtp.reset();
    driver.readCasePack(pi, soo);
    Assertions.assertThat(sender.sendDue()).isEqualTo(1);
    Assertions.assertThat(only(smtp.getReceivedMessages()).getSubject())
        .isEqualTo("A task is waiting for you: Contact victim · " + code);
    Date due = (Date) runtimeService.getVariable(pi.getId(), "contactDueDate");
    List<String> coordinators = members("case-coordinators");
    Assertions.assertThat(coordinators).isNotEmpty();

    // The 72-hour deadline: the first chase, to the coordinators, and the SOO told their contact is overdue.
    for (int chase = 1; chase <= 2; chase++) {
      smtp.reset();
      Date fires = new Date(due.getTime() + (chase - 1) * Duration.ofHours(24).toMillis());
      ClockUtil.setCurrentTime(new Date(fires.getTime() + 60_000));
      execute(job("contactOverdue", pi));
      sender.sendDue();
      List<MimeMessage> sent = Arrays.asList(smtp.getReceivedMessages());
      List<MimeMessage> toSoo = sent.stream().filter(m -> recipients(m).contains(soo + "@demo.invalid")).toList();
      Assertions.assertThat(toSoo).as("chase %d to the SOO", chase).hasSize(1);
      Assertions.assertThat(toSoo.get(0).getSubject()).isEqualTo("Your task is overdue: Contact victim · " + code);
      Assertions.assertThat(text(toSoo.get(0))).contains(settings.taskLink(task("contactVictim", pi).getId()));
      List<MimeMessage> chases = sent.stream().filter(m -> !recipients(m).contains(soo + "@demo.invalid")).toList();
      Assertions.assertThat(chases).as("chase %d to each coordinator with an address", chase)
          .extracting(m -> recipients(m).get(0))
          .containsExactlyInAnyOrderElementsOf(coordinators.stream().map(c -> c + "@demo.invalid").toList());
      Assertions.assertThat(chases).extracting(MimeMessage::getSubject)
          .allMatch(s -> s.equals("A deadline needs chasing: Chase overdue SOO contact · " + code));
      assertNoIdentity(sent, referral);
    }
    // The chase task's own card says more (the SOO and how late); the message says only the step.
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("chaseOverdueContact")
        .list()).allMatch(t -> t.getName().contains("SOO " + soo));
  }

  @Test
  void aPublishedPanelSendsEachSooAnInvitationToTheirOwnSlotWithTheJoiningLink() throws Exception {
    jdbc.update("delete from panel_candidate");
    OpenPanels.withdrawAll(runtimeService);
    ReferralRequest referral = panelReferral();
    ProcessInstance pi = driver.start(referral);
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    driver.readCasePack(pi, soo);
    driver.contact(pi, "DECLINED", null);
    sender.sendDue();
    smtp.reset();

    ProcessInstance panel = runtimeService.startProcessInstanceByKey("scrutinyPanel");
    try {
      execute(job("draftAgenda", panel));
      complete(task("prepareAgenda", panel), withVariables("agendaReady", true));
      Assertions.assertThat(sender.sendDue()).as("nothing before publication").isZero();
      execute(job("publishAgenda", panel));
      assertThat(panel).isWaitingAt("recordAttendance");
      String meetingId = (String) runtimeService.getVariable(panel.getId(), "panelId");

      Assertions.assertThat(sender.sendDue()).isEqualTo(1);
      MimeMessage invitation = only(smtp.getReceivedMessages());
      Assertions.assertThat(recipients(invitation)).containsExactly(soo + "@demo.invalid");
      Assertions.assertThat(invitation.getSubject()).startsWith("Scrutiny panel slot ").endsWith(" · " + pi.getBusinessKey());
      Assertions.assertThat(text(invitation)).contains("Join: https://meet.example.invalid/scrutiny-panel-lobby");

      Calendar ics = new CalendarBuilder().build(new StringReader(calendarPart(invitation)));
      Assertions.assertThat(ics.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
      List<VEvent> events = ics.getComponents(Component.VEVENT);
      Assertions.assertThat(events).hasSize(1);
      VEvent slot = events.get(0);
      DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
      Assertions.assertThat(value(slot, Property.DTSTART)).isEqualTo(utc.format(desk.slotStart(meetingId, pi.getBusinessKey()).toInstant()));
      Assertions.assertThat(value(slot, Property.DTEND)).isEqualTo(utc.format(desk.slotEnd(meetingId, pi.getBusinessKey()).toInstant()));
      Assertions.assertThat(value(slot, Property.SUMMARY)).isEqualTo("Scrutiny panel · " + pi.getBusinessKey());
      Assertions.assertThat(value(slot, Property.LOCATION)).isEqualTo("https://meet.example.invalid/scrutiny-panel-lobby");
      Assertions.assertThat(value(slot, Property.ATTENDEE)).isEqualToIgnoringCase("mailto:" + soo + "@demo.invalid");
      assertNoIdentity(List.of(invitation), referral);
    } finally {
      runtimeService.createProcessInstanceQuery().processDefinitionKey("scrutinyPanel").list()
          .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test over"));
    }
  }

  @Test
  void aRelayThatIsDownNeverHoldsUpTheCaseAndTheNoticeGoesOnceItIsBackAfterTheBackoff() throws Exception {
    ProcessInstance pi = driver.start(Referrals.policeVictim("MASH"));
    driver.reviewHistory(pi);
    smtp.stop();
    String soo;
    try {
      soo = driver.allocateAsRecommended(pi);
      Assertions.assertThat(sender.sendDue()).isZero();
      Map<String, Object> row = jdbc.queryForMap("select * from notification_outbox where case_code = ? and status <> 'SKIPPED' and kind = 'ALLOCATION'",
          pi.getBusinessKey());
      Assertions.assertThat(row.get("STATUS")).isEqualTo("PENDING");
      Assertions.assertThat(row.get("ATTEMPTS")).isEqualTo(1);
      Assertions.assertThat(row.get("LAST_ERROR")).isEqualTo("MailSendException");
      Assertions.assertThat(((java.sql.Timestamp) row.get("NEXT_ATTEMPT_AT")).toInstant())
          .isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(settings.backoff().first()));
      // The node stays healthy for the load balancer, and the case goes on while the relay is down.
      Assertions.assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
      driver.readCasePack(pi, soo);
      assertThat(pi).isWaitingAt("contactVictim");
    } finally {
      smtp.start();
    }
    // The contact task's notice is new and goes at once; the allocation's waits for its back-off.
    Assertions.assertThat(sender.sendDue()).isEqualTo(1);
    Assertions.assertThat(only(smtp.getReceivedMessages()).getSubject()).contains("Contact victim · " + pi.getBusinessKey());
    Assertions.assertThat(sender.sendDue()).as("not before the back-off").isZero();
    smtp.reset();
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + settings.backoff().first().toMillis() + 1000));
    Assertions.assertThat(sender.sendDue()).isEqualTo(1);
    Assertions.assertThat(only(smtp.getReceivedMessages()).getSubject()).contains("Read case pack · " + pi.getBusinessKey());
    Assertions.assertThat(jdbc.queryForList("select status from notification_outbox where case_code = ? and status <> 'SKIPPED'",
        String.class, pi.getBusinessKey())).containsExactly("SENT", "SENT");
  }

  @Test
  void aSooOnTheDailyDigestGetsOneMessageADayWithEveryNotice() throws Exception {
    ProcessInstance pi = driver.start(Referrals.policeVictim("MASH"));
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    Assertions.assertThat(choose(soo, "{\"mode\":\"DAILY_DIGEST\"}").getBody()).containsEntry("mode", "DAILY_DIGEST");
    Assertions.assertThat(rest.withBasicAuth(soo, "demo").getForObject("/api/me/notifications", Map.class))
        .containsEntry("mode", "DAILY_DIGEST").containsEntry("waiting", 1);
    ResponseEntity<Map<String, Object>> refused = choose(soo, "{\"mode\":\"HOURLY\"}");
    Assertions.assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat(String.valueOf(refused.getBody())).contains("IMMEDIATE or DAILY_DIGEST");
    Assertions.assertThat(choose(soo, "").getStatusCode()).as("no body").isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat(choose(soo, "{\"mode\":").getStatusCode()).as("broken JSON").isEqualTo(HttpStatus.BAD_REQUEST);
    Assertions.assertThat(rest.getForEntity("/api/me/notifications", String.class).getStatusCode())
        .as("signed in only").isEqualTo(HttpStatus.UNAUTHORIZED);

    // Three notices for the SOO: the allocation, the contact task, the missed 72 hours.
    driver.readCasePack(pi, soo);
    Date due = (Date) runtimeService.getVariable(pi.getId(), "contactDueDate");
    ClockUtil.setCurrentTime(new Date(due.getTime() + 60_000));
    execute(job("contactOverdue", pi));
    sender.sendDue();
    Assertions.assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipients(m).contains(soo + "@demo.invalid")))
        .as("nothing to a digest reader at once").isEmpty();
    Assertions.assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> !recipients(m).contains(soo + "@demo.invalid")))
        .as("the coordinators still hear at once").isNotEmpty();

    smtp.reset();
    Assertions.assertThat(sender.sendDigests()).isEqualTo(1);
    MimeMessage digest = only(smtp.getReceivedMessages());
    Assertions.assertThat(recipients(digest)).containsExactly(soo + "@demo.invalid");
    Assertions.assertThat(digest.getSubject()).isEqualTo("Daily digest: 3 notices");
    Assertions.assertThat(text(digest)).contains("Task: Read case pack", "Task: Contact victim", "Your task is overdue",
        "Case: " + pi.getBusinessKey());
    Assertions.assertThat(sender.sendDigests()).as("once a day: nothing left").isZero();
  }

  @Test
  void aReallocatedCaseIsAnAllocationForTheNewSoo() throws Exception {
    ProcessInstance pi = driver.start(Referrals.policeVictim("LINE_MANAGER"));
    driver.reviewHistory(pi);
    String from = driver.allocateAsRecommended(pi);
    sender.sendDue();
    smtp.reset();
    String to = List.of("soo1", "soo2", "soo3", "soo4", "soo5").stream().filter(s -> !s.equals(from)).findFirst().orElseThrow();
    reallocation.reallocate(pi.getBusinessKey(), from, to, "SOO promoted to superintendent", "coordinator");
    Assertions.assertThat(sender.sendDue()).isEqualTo(1);
    MimeMessage moved = only(smtp.getReceivedMessages());
    Assertions.assertThat(recipients(moved)).containsExactly(to + "@demo.invalid");
    Assertions.assertThat(moved.getSubject()).isEqualTo("A case has been allocated to you: Read case pack · " + pi.getBusinessKey());
  }

  @Test
  void onlyTheForcesStaffWithAnAddressAreEverSentAnything() {
    uk.police.daoversight.support.TestUsers.ensure(engine.getIdentityService(), "noAddressSoo", "senior-oversight-officers");
    org.camunda.bpm.engine.identity.User partner = engine.getIdentityService().createUserQuery().userId("partner1").singleResult();
    Assertions.assertThat(partner.getEmail()).as("the partner agency's user has an address").isNotBlank();
    outbox.add(Notice.task("partner1", NoticeKind.TASK, "AAAA-BBBB", "Complete panel action", null, settings.tasklist(), "t-p"));
    outbox.add(Notice.task("noAddressSoo", NoticeKind.TASK, "AAAA-BBBB", "Complete panel action", null, settings.tasklist(), "t-n"));
    outbox.add(Notice.task("nobodyAtAll", NoticeKind.TASK, "AAAA-BBBB", "Complete panel action", null, settings.tasklist(), "t-x"));
    outbox.add(Notice.task("soo1", NoticeKind.TASK, "AAAA-BBBB", "Complete panel action", null, settings.tasklist(), "t-s"));
    Assertions.assertThat(sender.sendDue()).isEqualTo(1);
    Assertions.assertThat(recipients(only(smtp.getReceivedMessages()))).containsExactly("soo1@demo.invalid");
    Assertions.assertThat(jdbc.queryForList("select recipient from notification_outbox where source_id in ('t-p','t-n','t-x') "
        + "and status = 'SKIPPED' and last_error = ?", String.class, NotificationSender.NOT_STAFF))
        .containsExactlyInAnyOrder("partner1", "noAddressSoo", "nobodyAtAll");
  }

  @Test
  void theIdentityScanFindsAPlantedNameEvenWhenTheBodyIsEncoded() throws Exception {
    ReferralRequest referral = Referrals.policeVictim("MASH");
    MimeMessage planted = new MimeMessage(Session.getInstance(new Properties()));
    MimeMessageHelper helper = new MimeMessageHelper(planted, true, "UTF-8");
    helper.setTo("soo1@demo.invalid");
    helper.setSubject("Case · planted");
    helper.setText("Case: X\nTask: Contact " + referral.victim().name() + " · now");
    planted.saveChanges();
    Assertions.assertThatThrownBy(() -> assertNoIdentity(List.of(planted), referral)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("identity");
  }

  // --- helpers -------------------------------------------------------------------------------------

  private ResponseEntity<Map<String, Object>> choose(String user, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, "demo").exchange("/api/me/notifications", HttpMethod.PUT, new HttpEntity<>(json, headers),
        new org.springframework.core.ParameterizedTypeReference<>() {});
  }

  /** A case that goes to the panel (not complex): a police victim, a perpetrator who is not police. */
  private static ReferralRequest panelReferral() {
    ReferralRequest r = Referrals.policeVictim("MASH");
    return new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new PartyRequest("Cyril Ockham-" + r.victim().staffNumber(), "1979-02-03", false, null, null, null, "07700 900777"),
        List.of(), "HIGH", false, false, false);
  }

  /** Every identity string the case's vault holds, in the forms a message could carry them. */
  private static List<String> identities(ReferralRequest referral) {
    List<String> found = new ArrayList<>();
    found.add(referral.externalReference());
    for (PartyRequest p : List.of(referral.victim(), referral.perpetrator())) {
      found.add(p.name());
      found.addAll(Arrays.asList(p.name().split("[ -]")));
      if (p.dateOfBirth() != null) {
        LocalDate dob = LocalDate.parse(p.dateOfBirth());
        found.add(p.dateOfBirth());
        found.add(DateTimeFormatter.ofPattern("dd/MM/yyyy").format(dob));
        found.add(DateTimeFormatter.ofPattern("d MMM yyyy").format(dob));
      }
      found.add(p.staffNumber());
      found.add(p.department());
      found.add(p.contact());
      if (p.contact() != null) {
        found.add(p.contact().replace(" ", ""));
      }
    }
    return found.stream().filter(s -> s != null && s.length() >= 4).distinct().toList();
  }

  private static void assertNoIdentity(List<MimeMessage> messages, ReferralRequest referral) throws Exception {
    List<String> identities = identities(referral);
    Assertions.assertThat(identities).as("the scan has something to look for").hasSizeGreaterThan(8);
    for (MimeMessage m : messages) {
      String everything = m.getSubject() + "\n" + String.join(",", recipients(m)) + "\n" + text(m) + "\n"
          + com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(m);
      for (String identity : identities) {
        if (everything.toLowerCase().contains(identity.toLowerCase())) {
          throw new AssertionError("message \"" + m.getSubject() + "\" carries an identity of the case: " + identity);
        }
      }
    }
  }

  /** Every part decoded (quoted-printable, base64), as the recipient reads it. */
  private static String text(Part part) throws Exception {
    Object content = part.getContent();
    if (content instanceof Multipart multipart) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        all.append(text(multipart.getBodyPart(i))).append('\n');
      }
      return all.toString();
    }
    if (content instanceof String s) {
      return s;
    }
    try (InputStream in = part.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static String calendarPart(Part part) throws Exception {
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = calendarPart(multipart.getBodyPart(i));
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    return part.isMimeType("text/calendar") ? text(part) : null;
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).orElseThrow(() -> new AssertionError("no " + property)).getValue();
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      Address[] to = m.getRecipients(Message.RecipientType.TO);
      return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static MimeMessage only(MimeMessage[] messages) {
    Assertions.assertThat(messages).hasSize(1);
    return messages[0];
  }

  private List<String> members(String group) {
    return engine.getIdentityService().createUserQuery().memberOfGroup(group).list().stream()
        .filter(u -> u.getEmail() != null && !u.getEmail().isBlank()).map(u -> u.getId()).toList();
  }

  @SuppressWarnings("unused")
  private static Instant at(Date d) {
    return d.toInstant();
  }
}
