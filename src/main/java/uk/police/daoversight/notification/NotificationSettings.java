package uk.police.daoversight.notification;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code oversight.notifications.*}: where links point, who the messages are from, the panel's
 * joining link, the back-off of failed sends and the zone due dates are written in.
 */
@Component
public class NotificationSettings {

  private final String baseUrl;
  private final String from;
  private final String panelJoiningLink;
  private final Backoff backoff;
  private final ZoneId zone;
  private final int batchSize;

  public NotificationSettings(@Value("${oversight.notifications.base-url:http://localhost:8080}") String baseUrl,
                              @Value("${oversight.notifications.from:case-oversight@localhost}") String from,
                              @Value("${oversight.notifications.panel-joining-link:}") String panelJoiningLink,
                              @Value("${oversight.notifications.first-retry:PT1M}") Duration firstRetry,
                              @Value("${oversight.notifications.longest-retry:PT1H}") Duration longestRetry,
                              @Value("${oversight.notifications.max-attempts:12}") int maxAttempts,
                              @Value("${oversight.notifications.zone:}") String zone,
                              @Value("${oversight.notifications.batch-size:50}") int batchSize) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.from = from;
    this.panelJoiningLink = panelJoiningLink == null ? "" : panelJoiningLink.trim();
    this.backoff = new Backoff(firstRetry, longestRetry, maxAttempts);
    this.zone = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    this.batchSize = Math.max(1, batchSize);
  }

  /** Tasklist opened on the task. */
  public String taskLink(String taskId) {
    return taskId == null ? tasklist() : tasklist() + "default/#/?task=" + taskId;
  }

  public String tasklist() {
    return baseUrl + "/camunda/app/tasklist/";
  }

  /** The meeting's joining link for the SOOs (their lobby or breakout room); Tasklist until one is set. */
  public String panelJoiningLink() {
    return panelJoiningLink.isEmpty() ? tasklist() : panelJoiningLink;
  }

  public String from() {
    return from;
  }

  public Backoff backoff() {
    return backoff;
  }

  public ZoneId zone() {
    return zone;
  }

  public int batchSize() {
    return batchSize;
  }
}
