package uk.police.daoversight.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the application (engine and models deployed) has started, before it serves requests: groups,
 * grants and filters; demo data if enabled.
 */
@Component
public class StartupSetup {

  private final AccessSetup accessSetup;
  private final DemoIdentities demoIdentities;
  private final boolean demo;

  public StartupSetup(AccessSetup accessSetup, DemoIdentities demoIdentities,
                      @Value("${oversight.demo.enabled:false}") boolean demo) {
    this.accessSetup = accessSetup;
    this.demoIdentities = demoIdentities;
    this.demo = demo;
  }

  @EventListener
  public void onStarted(ApplicationStartedEvent event) {
    accessSetup.apply();
    if (demo) {
      demoIdentities.apply();
    }
  }
}
