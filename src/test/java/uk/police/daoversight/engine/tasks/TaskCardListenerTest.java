package uk.police.daoversight.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** Issue #21 item 1: every card names its case, and high-risk cases sort first. */
@IntegrationTest
class TaskCardListenerTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void eachStepOfACaseNamesItsCaseAndTakesItsPriorityFromTheRisk() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ReferralRequest medium = Referrals.policeVictim("MASH");
    ReferralRequest other = Referrals.policeVictim("MASH");
    ReferralRequest high = new ReferralRequest(other.route(), other.externalReference(), other.victim(), other.perpetrator(),
        java.util.List.of(), "HIGH", false, false, false);
    ProcessInstance mediumCase = driver.start(medium);
    ProcessInstance highCase = driver.start(high);

    Task review = task(mediumCase, "reviewHistory");
    assertThat(review.getName()).isEqualTo("Review history · " + mediumCase.getBusinessKey());
    assertThat(review.getPriority()).isEqualTo(TaskCards.priority("MEDIUM"));
    assertThat(task(highCase, "reviewHistory").getPriority()).isEqualTo(TaskCards.priority("HIGH"));
    // Tasklist's "sort by priority" puts the high-risk case first.
    assertThat(taskService.createTaskQuery().taskDefinitionKey("reviewHistory")
        .processInstanceIdIn(mediumCase.getId(), highCase.getId()).orderByTaskPriority().desc().list())
        .extracting(Task::getProcessInstanceId).containsExactly(highCase.getId(), mediumCase.getId());

    // The same on the next step, the SOO's, and on the case's support-referral clock.
    driver.reviewHistory(mediumCase);
    String soo = driver.allocateAsRecommended(mediumCase);
    Task pack = task(mediumCase, "readCasePack");
    assertThat(pack.getName()).isEqualTo("Read case pack · " + mediumCase.getBusinessKey());
    assertThat(pack.getAssignee()).isEqualTo(soo);
    Task support = taskService.createTaskQuery().processInstanceBusinessKey(mediumCase.getBusinessKey())
        .processDefinitionKey("supportReferral").singleResult();
    assertThat(support.getName()).endsWith(" · " + mediumCase.getBusinessKey());

  }

  private Task task(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }
}
