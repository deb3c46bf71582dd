package uk.police.daoversight.engine.forms;

/**
 * One reason a submission is refused: the field (or variable) and the rule it broke, never the value
 * that was sent (a person may have typed a name into the wrong field).
 */
public record FormProblem(String field, String rule) {

  @Override
  public String toString() {
    return field + ": " + rule;
  }
}
