package uk.police.daoversight.oversight;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Expression bean {@code oversightSettings}: configurable periods the model's timers read. */
@Component("oversightSettings")
public class OversightSettings {

  private final String updateReminderPeriod;

  public OversightSettings(@Value("${oversight.update-reminder-period:P28D}") String updateReminderPeriod) {
    this.updateReminderPeriod = updateReminderPeriod;
  }

  /** How long a case may go without a recorded update before the coordinators are reminded. */
  public String getUpdateReminderPeriod() {
    return updateReminderPeriod;
  }
}
