package uk.police.daoversight.intake;

import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A referral that cannot be accepted, with every problem by field. A {@link BadUserRequestException}
 * so that Tasklist's start form shows the reasons (engine-rest answers 400) and nothing is created.
 */
public class ReferralRejectedException extends BadUserRequestException {

  private final Map<String, String> problems;

  public ReferralRejectedException(Map<String, String> problems) {
    super("The referral was not recorded: " + problems.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
    this.problems = Map.copyOf(problems);
  }

  public Map<String, String> problems() {
    return problems;
  }
}
