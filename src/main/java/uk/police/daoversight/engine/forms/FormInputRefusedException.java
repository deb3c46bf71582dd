package uk.police.daoversight.engine.forms;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/** A person's submission that its form does not accept: a 400 naming each field and rule, never a value. */
public class FormInputRefusedException extends BadUserRequestException {

  private final transient List<FormProblem> problems;

  public FormInputRefusedException(String what, List<FormProblem> problems) {
    super(what + " does not accept this submission, so nothing was saved: "
        + problems.stream().map(FormProblem::toString).collect(Collectors.joining("; ")) + ".");
    this.problems = List.copyOf(problems);
  }

  public List<FormProblem> problems() {
    return problems;
  }
}
