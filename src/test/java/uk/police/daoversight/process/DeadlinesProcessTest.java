package uk.police.daoversight.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * Issue #18: deadlines that always run. Driven by the engine clock (no sleeps): the 72 hours run
 * from allocation whatever the SOO opens, are chased at the deadline and every chase interval
 * (PT24H by default), go to the DA lead after 3 chases, and stop when the thing is done.
 */
@IntegrationTest
class DeadlinesProcessTest extends EngineTest {

  static final Duration DAY = Duration.ofHours(24);

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  CaseDriver driver;

  @BeforeEach
  void init() {
    driver = new CaseDriver(runtimeService);
    ClockUtil.setCurrentTime(new Date());
  }

  @Test
  void aCaseWhosePackIsNeverOpenedIsChasedAtSeventyTwoHoursThenDailyThenEscalated() {
    ProcessInstance pi = driver.start(Referrals.policeVictim("LINE_MANAGER"));
    driver.reviewHistory(pi);
    Date allocatedAt = ClockUtil.getCurrentTime();
    String soo = driver.allocateAsRecommended(pi);
    Date due = new Date(allocatedAt.getTime() + Duration.ofHours(72).toMillis());

    // The SOO's first task shows the deadline; the timer runs from allocation (Cockpit shows it).
    Task pack = task("readCasePack", pi);
    Assertions.assertThat(pack.getAssignee()).isEqualTo(soo);
    Assertions.assertThat(pack.getDueDate()).isEqualTo(due);
    Assertions.assertThat(job("contactOverdue", pi).getDuedate()).isEqualTo(due);
    Assertions.assertThat(overdueReadCasePacks(pi)).isZero();

    for (int chase = 1; chase <= 5; chase++) {
      Date fires = new Date(due.getTime() + (chase - 1) * DAY.toMillis());
      Job timer = job("contactOverdue", pi);
      Assertions.assertThat(timer.getDuedate()).as("chase %d", chase).isEqualTo(fires);
      ClockUtil.setCurrentTime(new Date(fires.getTime() + 60_000));
      Assertions.assertThat(overdueReadCasePacks(pi)).isEqualTo(1);
      execute(timer);

      boolean escalated = chase > 3;
      String key = escalated ? "escalateOverdueContact" : "chaseOverdueContact";
      List<Task> chases = tasks(pi, key);
      Task latest = chases.stream().max((a, b) -> a.getCreateTime().compareTo(b.getCreateTime())).orElseThrow();
      Assertions.assertThat(latest.getName()).contains(pi.getBusinessKey()).contains("SOO " + soo)
          .contains("(chase " + chase + ")").contains(chase == 1 ? "just overdue" : (chase == 2 ? "24 h late" : "days"));
      Assertions.assertThat(latest.getDueDate()).isEqualTo(new Date(fires.getTime() + DAY.toMillis()));
      Assertions.assertThat(taskService.getIdentityLinksForTask(latest.getId())).extracting(l -> l.getGroupId())
          .containsExactly(escalated ? "panel-chair" : "case-coordinators");
      // The SOO's own work is never blocked: the pack is still theirs to open.
      Assertions.assertThat(task("readCasePack", pi).getAssignee()).isEqualTo(soo);
      if (chase == 1) {
        complete(latest, withVariables("overdueChaseNote", "SOO on a course, contact tomorrow"));
      }
    }
    Assertions.assertThat(tasks(pi, "chaseOverdueContact")).hasSize(2);
    Assertions.assertThat(tasks(pi, "escalateOverdueContact")).hasSize(2);

    // Contact made: the stage ends, the timer goes and every open chase is cancelled.
    driver.readCasePack(pi, soo);
    driver.contact(pi, "ENGAGED", "P14D");
    assertThat(pi).isWaitingAt("updateCase", "nextContactDue").hasPassed("victimReachedEnd");
    Assertions.assertThat(tasks(pi, "chaseOverdueContact")).isEmpty();
    Assertions.assertThat(tasks(pi, "escalateOverdueContact")).isEmpty();
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("contactOverdue").count()).isZero();
  }

  @Test
  void aCaseContactedAtHourSeventyOneIsNeverChased() {
    ProcessInstance pi = driver.toFirstContact(Referrals.policeVictim("CALL_999"));
    Date due = job("contactOverdue", pi).getDuedate();
    ClockUtil.setCurrentTime(new Date(due.getTime() - Duration.ofHours(1).toMillis()));
    driver.contact(pi, "DECLINED", null);

    assertThat(pi).isWaitingAt("updateCase").hasNotPassed("contactOverdue", "countContactChase", "chaseOverdueContact");
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("contactOverdue").count()).isZero();
    ClockUtil.setCurrentTime(new Date(due.getTime() + 10 * DAY.toMillis()));
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().executable()
        .list()).extracting(Job::getId).isEmpty();
  }

  /** What the coordinators' overdue list and Tasklist's due colouring read: tasks past their due date. */
  long overdueReadCasePacks(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("readCasePack")
        .dueBefore(ClockUtil.getCurrentTime()).count();
  }

  List<Task> tasks(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).list();
  }
}
