package uk.police.daoversight.process;

import static io.holunda.camunda.bpm.data.CamundaBpmData.stringVariable;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.util.Set;

/**
 * The variables of {@code accessAlert}: the alert's opaque id (its details are in the application's
 * {@code access_alert} table, for information governance only) and information governance's finding.
 */
public final class AlertVariables {

  private AlertVariables() {}

  public static final VariableFactory<String> ALERT_ID = stringVariable("alertId");
  public static final VariableFactory<String> ALERT_FINDING = stringVariable("alertFinding");
  public static final VariableFactory<String> ALERT_NOTES = stringVariable("alertNotes");

  public static Set<String> names() {
    return VariableNames.of(AlertVariables.class);
  }
}
