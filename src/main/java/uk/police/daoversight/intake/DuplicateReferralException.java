package uk.police.daoversight.intake;

import org.camunda.bpm.engine.BadUserRequestException;

/** An open case already carries this external reference: nothing is created twice. */
public class DuplicateReferralException extends BadUserRequestException {

  private final String existingCaseCode;

  public DuplicateReferralException(String existingCaseCode) {
    super("An open case already has this reference number: case " + existingCaseCode);
    this.existingCaseCode = existingCaseCode;
  }

  public String existingCaseCode() {
    return existingCaseCode;
  }
}
