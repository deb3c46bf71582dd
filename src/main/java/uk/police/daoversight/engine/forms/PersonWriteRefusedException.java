package uk.police.daoversight.engine.forms;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A person (not an administrator) asking the engine to write variables, timers or a task's dates and
 * people other than through a form: refused with a 403 and a plain reason.
 */
public class PersonWriteRefusedException extends AuthorizationException {

  public PersonWriteRefusedException(String message) {
    super(message);
  }
}
