package uk.police.daoversight.panel;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Expression bean {@code panelSettings}: when the monthly panel sits (a cron expression, default the
 * first Tuesday of the month at 10:00) and how long it lasts.
 */
@Component("panelSettings")
public class PanelSettings {

  private final String schedule;
  private final int capacityMinutes;

  public PanelSettings(@Value("${oversight.panel.schedule:0 0 10 ? * TUE#1}") String schedule,
                       @Value("${oversight.panel.capacity-minutes:180}") int capacityMinutes) {
    this.schedule = schedule;
    this.capacityMinutes = capacityMinutes;
  }

  public String getSchedule() {
    return schedule;
  }

  public int getCapacityMinutes() {
    return capacityMinutes;
  }
}
