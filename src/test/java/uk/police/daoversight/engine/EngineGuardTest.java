package uk.police.daoversight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** The engine-side checks through the Java API: no HTTP, no filter in front, the same refusals. */
@IntegrationTest
class EngineGuardTest extends EngineTest {

  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  @Test
  void adHocQueriesWithAnExpressionAtAnyDepthAreRefused() {
    assertThatThrownBy(() -> taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").list())
        .isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(() -> taskService.createTaskQuery().or().taskAssigneeExpression("${environment}").endOr().count())
        .as("inside an or-query, which Camunda leaves unchecked").isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("Expressions are forbidden in queries");
    assertThatThrownBy(() -> taskService.createTaskQuery().or().taskName("x").endOr().or().dueAfterExpression("${now()}").endOr()
        .listPage(0, 5)).isInstanceOf(BadUserRequestException.class);
    assertThat(taskService.createTaskQuery().or().taskAssignee("soo1").taskOwner("soo1").endOr().count()).isNotNegative();
  }

  @Test
  void filtersTakeOnlyTheApplicationsOwnExpressions() {
    TaskQuery malicious = taskService.createTaskQuery().or().taskCandidateUserExpression("${runtimeService}").endOr();
    Filter filter = filterService.newTaskFilter("guard-test").setQuery(malicious);
    assertThatThrownBy(() -> filterService.saveFilter(filter)).isInstanceOf(BadUserRequestException.class);
    assertThat(filterService.createFilterQuery().filterName("guard-test").count()).isZero();

    Filter allowed = filterService.newTaskFilter("guard-test")
        .setQuery(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filterService.saveFilter(allowed);
    identityService.setAuthentication("admin", java.util.List.of("camunda-admin"));
    try {
      assertThat(filterService.count(allowed.getId())).isNotNegative();
      assertThatThrownBy(() -> filterService.list(allowed.getId(),
          taskService.createTaskQuery().or().taskOwnerExpression("${currentUser()}").endOr()))
          .as("even the allowed expression, in an extending query").isInstanceOf(BadUserRequestException.class);
    } finally {
      identityService.clearAuthentication();
      filterService.deleteFilter(allowed.getId());
    }
  }

  @Test
  void commentsAndAttachmentsAreRefusedForEveryCaller() {
    ProcessInstance pi = new CaseDriver(runtimeService).start(Referrals.policeVictim("MASH"));
    String taskId = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    assertThatThrownBy(() -> taskService.createComment(taskId, pi.getId(), "Jane Roe"))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("switched off");
    assertThatThrownBy(() -> taskService.createComment(null, pi.getId(), "Jane Roe")).isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(() -> taskService.createAttachment("text/plain", taskId, null, "n", "d",
        new ByteArrayInputStream(new byte[] {1}))).isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(() -> taskService.createAttachment("text/plain", taskId, null, "n", "d", "https://example.invalid"))
        .isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(() -> taskService.addComment(taskId, pi.getId(), "Jane Roe")).isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(() -> taskService.updateTaskComment(taskId, "no-such-comment", "Jane Roe"))
        .isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(() -> taskService.updateProcessInstanceComment(pi.getId(), "no-such-comment", "Jane Roe"))
        .isInstanceOf(BadUserRequestException.class);
    AttachmentEntity attachment = new AttachmentEntity();
    attachment.setTaskId(taskId);
    attachment.setDescription("Jane Roe");
    assertThatThrownBy(() -> taskService.saveAttachment(attachment)).isInstanceOf(BadUserRequestException.class);
    assertThat(taskService.getTaskComments(taskId)).isEmpty();
    assertThat(taskService.getProcessInstanceComments(pi.getId())).isEmpty();
    assertThat(taskService.getTaskAttachments(taskId)).isEmpty();
  }
}
