package uk.police.daoversight.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** Issue #21 item 7 in the real browser: the manager's deadline board on Cockpit's dashboard. */
@IntegrationTest
class CockpitDeadlinesJourneyTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;

  Browser browser;

  @BeforeEach
  void open() throws Exception {
    browser = new Browser(port);
  }

  @AfterEach
  void close() {
    ClockUtil.reset();
    browser.close();
  }

  @Test
  void theManagerSeesTheOverdueFirstContactOnTheDashboardAndOpensTheCaseFromIt() {
    CaseDriver driver = new CaseDriver(runtimeService);
    var referral = Referrals.policeVictim("MASH");
    Instant allocated = Instant.now();
    ClockUtil.setCurrentTime(Date.from(allocated));
    ProcessInstance pi = driver.start(referral);
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    ClockUtil.setCurrentTime(Date.from(allocated.plus(Duration.ofHours(75))));
    try {
      browser.login("cockpit", "manager");
      browser.open("/camunda/app/cockpit/default/#/dashboard");
      browser.waitFor("Deadlines overdue or due within a day");
      browser.waitFor(pi.getBusinessKey());
      String row = (String) browser.js("return [...document.querySelectorAll('table.deadline-board tr')]"
          + ".find(r => r.textContent.includes(arguments[0]) && r.textContent.includes('First contact')).textContent", pi.getBusinessKey());
      assertThat(row).contains("First contact (72 hours)").contains("3 hours late").contains(soo);
      assertThat(browser.page()).doesNotContain(referral.victim().name()).doesNotContain(referral.perpetrator().name())
          .doesNotContain(referral.externalReference());
      browser.screenshot("7-manager-deadline-board");
      // The case's first-contact line links to its case process (its support-referral line to that clock's).
      browser.js("[...document.querySelectorAll('table.deadline-board tr')].find(r => r.textContent.includes(arguments[0])"
          + " && r.textContent.includes('First contact')).querySelector('a').click()", pi.getBusinessKey());
      browser.waitFor("contactOverdue");
      assertThat(browser.source()).contains("data-element-id=\"contactOverdue\"");
    } finally {
      browser.screenshot("7-manager-deadline-case");
    }
  }
}
