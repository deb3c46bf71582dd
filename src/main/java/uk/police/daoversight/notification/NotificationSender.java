package uk.police.daoversight.notification;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.police.daoversight.security.Groups;

/**
 * Delivers the outbox through the configured SMTP relay ({@code spring.mail.*}), outside any engine
 * transaction: every {@code oversight.notifications.send-cron} the notices of people who want them at
 * once (and every panel invitation), every {@code oversight.notifications.digest-cron} one message per
 * person on the daily digest. A failed send is tried again after the back-off and given up (FAILED,
 * kept) after the last attempt. Addresses are the engine users' e-mail, read when sending: only staff
 * are engine users, and a notice goes nowhere else. Without a relay configured nothing is sent and the
 * notices wait.
 */
@Component
public class NotificationSender {

  /** Why a notice was not sent to anyone. */
  static final String NOT_STAFF = "No staff e-mail address for the recipient";

  private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);

  private final ObjectProvider<JavaMailSender> mail;
  private final NotificationOutbox outbox;
  private final NotificationSettings settings;
  private final ProcessEngine engine;
  private final Clock clock;
  private final MailText text;

  public NotificationSender(ObjectProvider<JavaMailSender> mail, NotificationOutbox outbox, NotificationSettings settings,
                            ProcessEngine engine, Clock clock) {
    this.mail = mail;
    this.outbox = outbox;
    this.settings = settings;
    this.engine = engine;
    this.clock = clock;
    this.text = new MailText(settings.zone());
  }

  /** Sends what is due now; answers how many messages went. */
  @Scheduled(cron = "${oversight.notifications.send-cron:*/20 * * * * *}")
  public int sendDue() {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      return 0;
    }
    int sent = 0;
    for (NotificationOutbox.Pending p : outbox.dueImmediate(settings.batchSize())) {
      if (!outbox.claim(p.id())) {
        continue;
      }
      String address = address(p.notice().recipient());
      if (address == null) {
        outbox.skipped(p.id(), NOT_STAFF);
        continue;
      }
      try {
        sender.send(message(sender, address, p.notice()));
        outbox.sent(p.id());
        sent++;
      } catch (Exception e) {
        failed(List.of(p), e);
      }
    }
    return sent;
  }

  /** One message per person on the daily digest with notices waiting; answers how many went. */
  @Scheduled(cron = "${oversight.notifications.digest-cron:0 0 7 * * *}")
  public int sendDigests() {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      return 0;
    }
    int sent = 0;
    for (String recipient : outbox.digestRecipients()) {
      List<NotificationOutbox.Pending> mine = outbox.digestOf(recipient).stream().filter(p -> outbox.claim(p.id())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      String address = address(recipient);
      if (address == null) {
        mine.forEach(p -> outbox.skipped(p.id(), NOT_STAFF));
        continue;
      }
      try {
        MailText.Mail digest = text.digest(mine.stream().map(NotificationOutbox.Pending::notice).toList());
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.from());
        helper.setTo(address);
        helper.setSubject(digest.subject());
        helper.setText(digest.body());
        sender.send(message);
        mine.forEach(p -> outbox.sent(p.id()));
        sent++;
      } catch (Exception e) {
        failed(mine, e);
      }
    }
    return sent;
  }

  private MimeMessage message(JavaMailSender sender, String address, Notice notice) throws Exception {
    MailText.Mail words = text.single(notice);
    MimeMessage message = sender.createMimeMessage();
    boolean invitation = notice.kind() == NoticeKind.PANEL_SLOT;
    MimeMessageHelper helper = new MimeMessageHelper(message, invitation, StandardCharsets.UTF_8.name());
    helper.setFrom(settings.from());
    helper.setTo(address);
    helper.setSubject(words.subject());
    helper.setText(words.body());
    if (invitation) {
      String ics = SlotInvitation.ics(notice, settings.from(), address, clock.instant());
      helper.addAttachment("invitation.ics",
          new ByteArrayDataSource(ics.getBytes(StandardCharsets.UTF_8), "text/calendar; charset=UTF-8; method=REQUEST"));
    }
    return message;
  }

  /** The kind of failure only: a relay's answer may quote addresses. */
  private void failed(List<NotificationOutbox.Pending> notices, Exception e) {
    String why = e.getClass().getSimpleName();
    for (NotificationOutbox.Pending p : notices) {
      outbox.failed(p.id(), p.attempts(), settings.backoff(), why);
      LOG.warn("Notification {} not sent (attempt {}): {}; tried again later", p.id(), p.attempts() + 1, why);
    }
  }

  /**
   * The engine user's e-mail address, or null when there is no such user, no address, or the user is
   * not the force's staff (in no group, or in the partner agencies' group only).
   */
  private String address(String userId) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      User user = context.getReadOnlyIdentityProvider().findUserById(userId);
      if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
        return null;
      }
      List<Group> groups = context.getReadOnlyIdentityProvider().createGroupQuery().groupMember(userId).list();
      boolean staff = groups.stream().anyMatch(g -> !Groups.PARTNER_AGENCIES.equals(g.getId()));
      return staff ? user.getEmail().trim() : null;
    }));
  }
}
