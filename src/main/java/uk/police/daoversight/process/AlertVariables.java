package uk.police.daoversight.process;

import static io.holunda.camunda.bpm.data.CamundaBpmData.stringVariable;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.util.Set;

/** The variables of {@code accessAlert}: user ids and case codes only. */
public final class AlertVariables {

  private AlertVariables() {}

  public static final VariableFactory<String> ALERT_KIND = stringVariable("alertKind");
  public static final VariableFactory<String> ALERT_USER = stringVariable("alertUser");
  public static final VariableFactory<String> ALERT_CASE_CODE = stringVariable("alertCaseCode");
  public static final VariableFactory<String> ALERT_SUMMARY = stringVariable("alertSummary");
  public static final VariableFactory<String> ALERT_FINDING = stringVariable("alertFinding");
  public static final VariableFactory<String> ALERT_NOTES = stringVariable("alertNotes");

  public static Set<String> names() {
    return VariableNames.of(AlertVariables.class);
  }
}
