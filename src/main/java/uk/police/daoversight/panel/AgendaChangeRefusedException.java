package uk.police.daoversight.panel;

/** An administrator's change the agenda cannot take; the reasons go back to the administrator. */
public class AgendaChangeRefusedException extends RuntimeException {
  public AgendaChangeRefusedException(String reasons) {
    super(reasons);
  }
}
