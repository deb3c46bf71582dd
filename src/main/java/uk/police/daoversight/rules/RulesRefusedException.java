package uk.police.daoversight.rules;

import java.util.List;

/** A decision table version that may not go live, with every reason. Answered 400. */
public class RulesRefusedException extends RuntimeException {

  private final List<String> reasons;

  public RulesRefusedException(List<String> reasons) {
    super("The table was not deployed");
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}
