package uk.police.daoversight.notification;

import java.time.Instant;

/**
 * One message to one person, as the outbox keeps it: the case code, the step's name as the model
 * names it, its due date and a link. Nothing else of the case can be put in one.
 *
 * @param recipient the engine user id (the address is read from the engine's users when sending)
 * @param sourceId  the task or panel meeting that caused it
 */
public record Notice(String recipient, NoticeKind kind, String caseCode, String stepName, Instant dueAt, String link,
                     Instant slotStart, Instant slotEnd, String sourceId) {

  public static Notice task(String recipient, NoticeKind kind, String caseCode, String stepName, Instant dueAt,
                            String link, String sourceId) {
    return new Notice(recipient, kind, caseCode, stepName, dueAt, link, null, null, sourceId);
  }
}
