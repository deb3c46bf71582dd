package uk.police.daoversight.notification;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The words of a message, pure: built from a notice's four fields alone (case code, step name, due
 * date, link), so nothing else of a case can reach a message. A person reads the case in the
 * application, signed in.
 */
public final class MailText {

  /** A message: subject and plain text. */
  public record Mail(String subject, String body) {}

  static final String FOOTER = "This message carries no details of the case. Sign in to read it.\n"
      + "Choose immediate messages or a daily digest: PUT /api/me/notifications.";

  private final DateTimeFormatter when;

  public MailText(ZoneId zone) {
    this.when = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz").withZone(zone);
  }

  public Mail single(Notice n) {
    String subject = n.kind() == NoticeKind.PANEL_SLOT
        ? "Scrutiny panel slot " + when.format(n.slotStart()) + " · " + n.caseCode()
        : n.kind().headline() + ": " + n.stepName() + " · " + n.caseCode();
    return new Mail(subject, n.kind().headline() + ".\n\n" + lines(n) + "\n" + FOOTER + "\n");
  }

  public Mail digest(List<Notice> notices) {
    StringBuilder body = new StringBuilder("Your notices since the last digest (" + notices.size() + ").\n\n");
    for (Notice n : notices) {
      body.append(n.kind().headline()).append(".\n").append(lines(n)).append('\n');
    }
    body.append(FOOTER).append('\n');
    return new Mail("Daily digest: " + notices.size() + (notices.size() == 1 ? " notice" : " notices"), body.toString());
  }

  private String lines(Notice n) {
    StringBuilder s = new StringBuilder();
    s.append("Case: ").append(n.caseCode()).append('\n');
    s.append("Task: ").append(n.stepName()).append('\n');
    if (n.kind() == NoticeKind.PANEL_SLOT) {
      s.append("Slot: ").append(when.format(n.slotStart())).append(" to ").append(when.format(n.slotEnd())).append('\n');
      s.append("Join: ").append(n.link()).append('\n');
    } else {
      if (n.dueAt() != null) {
        s.append("Due: ").append(when.format(n.dueAt())).append('\n');
      }
      s.append("Open: ").append(n.link()).append('\n');
    }
    return s.toString();
  }
}
