package uk.police.daoversight.notification;

/** Why a person is told: what the first line of the message says. */
public enum NoticeKind {
  /** A SOO is allocated a case: their first task on it. */
  ALLOCATION("A case has been allocated to you"),
  /** Work waiting for this person (a scheduled contact, a case update, a panel action, ...). */
  TASK("A task is waiting for you"),
  /** The SOO's own task is past its deadline: at the deadline (72 hours for first contact) and at every chase. */
  OVERDUE("Your task is overdue"),
  /** A chase for the coordinators (or an escalation for the DA lead). */
  CHASE("A deadline needs chasing"),
  /** A SOO's slot at the scrutiny panel, as a calendar invitation. */
  PANEL_SLOT("Your case's slot at the scrutiny panel");

  private final String headline;

  NoticeKind(String headline) {
    this.headline = headline;
  }

  public String headline() {
    return headline;
  }
}
