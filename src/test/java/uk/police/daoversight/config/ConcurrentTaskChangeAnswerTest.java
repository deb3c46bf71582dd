package uk.police.daoversight.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * The loser of two people completing one task is told so with a 409, in Tasklist (the webapps'
 * engine API) and on engine-rest. The truly simultaneous race runs on two nodes in ClusterTest.
 */
@IntegrationTest
class ConcurrentTaskChangeAnswerTest extends EngineTest {

  static final String REVIEWED = "{\"variables\":{\"historyReviewed\":{\"value\":true}}}";

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void tasklistSubmittingATaskSomeoneJustCompletedGetsAClearConflict() {
    String task = reviewHistoryTask();
    WebappSession first = WebappSession.login(rest, "coordinator", "tasklist");
    WebappSession second = WebappSession.login(rest, "coordinator", "tasklist");
    String submit = "/camunda/api/engine/engine/default/task/" + task + "/submit-form";

    assertThat(first.post(submit, REVIEWED).getStatusCode().value()).isEqualTo(204);
    ResponseEntity<String> late = second.post(submit, REVIEWED);
    assertThat(late.getStatusCode().value()).as(late.getBody()).isEqualTo(409);
    assertThat(late.getBody()).contains(ConcurrentTaskChangeAnswer.MESSAGE).doesNotContain("ENGINE-", "Exception");
  }

  @Test
  void engineRestCompletingATaskSomeoneJustCompletedGetsAClearConflict() {
    String task = reviewHistoryTask();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    String complete = "/engine-rest/task/" + task + "/complete";
    TestRestTemplate coordinator = rest.withBasicAuth("coordinator", "demo");

    assertThat(coordinator.postForEntity(complete, new HttpEntity<>(REVIEWED, json), String.class).getStatusCode().value())
        .isEqualTo(204);
    ResponseEntity<String> late = coordinator.postForEntity(complete, new HttpEntity<>(REVIEWED, json), String.class);
    assertThat(late.getStatusCode().value()).as(late.getBody()).isEqualTo(409);
    assertThat(late.getBody()).contains("ConcurrentChange", ConcurrentTaskChangeAnswer.MESSAGE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "task/1/complete | RestException | Cannot complete task 1: ENGINE-03005 Execution of 'DELETE TaskEntity' failed | true",
      "task/1/submit-form | RestException | Cannot submit task form 1: Cannot find task with id 1: task is null | true",
      "process-instance/1/variables | OptimisticLockingException | ENGINE-03005 Execution of 'UPDATE' failed | true",
      "task/1/complete | RestException | Cannot complete task 1: Unknown property used in expression | false",
      "task/1/variables | RestException | Cannot find task with id 1 | false"})
  void whatCountsAsAConcurrentChange(String path, String type, String message, boolean conflict) {
    assertThat(ConcurrentTaskChangeAnswer.isConflict(path, type, message)).isEqualTo(conflict);
  }

  @Test
  void aRefusalOnATaskThatEndedIsTheSameRaceAndARefusalOnAnOpenTaskStaysARefusal() {
    ExceptionDto refused = new ExceptionDto();
    refused.setType("AuthorizationException");
    refused.setMessage("The user with id 'coordinator2' does not have 'TASK_WORK' permission on resource 'abc'");
    String complete = "task/abc/complete";

    assertThat(ConcurrentTaskChangeAnswer.isConflict(403, complete, refused, id -> id.equals("abc"))).isTrue();
    assertThat(ConcurrentTaskChangeAnswer.isConflict(403, complete, refused, id -> false)).isFalse();
    assertThat(ConcurrentTaskChangeAnswer.isConflict(403, "task/abc/variables", refused, id -> true)).isFalse();
    ExceptionDto other = new ExceptionDto();
    other.setType("RestException");
    assertThat(ConcurrentTaskChangeAnswer.isConflict(403, complete, other, id -> true)).isFalse();
  }

  @Test
  void aTaskHasEndedOnlyOnceItIsCompleted() {
    String task = reviewHistoryTask();
    assertThat(ConcurrentTaskChangeAnswer.taskEnded(task)).isFalse();
    assertThat(ConcurrentTaskChangeAnswer.taskEnded("no-such-task")).isFalse();
    taskService.complete(task, java.util.Map.of("historyReviewed", true));
    assertThat(ConcurrentTaskChangeAnswer.taskEnded(task)).isTrue();
  }

  @Test
  void anSooWhoMayNotWorkACoordinatorsTaskIsStillRefused() {
    String task = reviewHistoryTask();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> refused = rest.withBasicAuth("soo1", "demo").postForEntity("/engine-rest/task/" + task + "/complete",
        new HttpEntity<>(REVIEWED, json), String.class);
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(403);
  }

  private String reviewHistoryTask() {
    ProcessInstance pi = new CaseDriver(runtimeService).start(Referrals.policeVictim("MASH"));
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("reviewHistory").singleResult().getId();
  }
}
