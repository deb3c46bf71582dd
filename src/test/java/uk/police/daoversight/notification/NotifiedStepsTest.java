package uk.police.daoversight.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** Every step notifications depend on is in its model, so renaming one in the Modeler fails here. */
class NotifiedStepsTest {

  static Set<String> userTasks(String file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes", file).toFile());
    return model.getModelElementsByType(UserTask.class).stream().map(UserTask::getId).collect(Collectors.toSet());
  }

  @Test
  void everyChasedAndChasingStepIsAUserTaskOfTheCaseModels() {
    Set<String> tasks = new java.util.HashSet<>(userTasks("oversightCase.bpmn"));
    tasks.addAll(userTasks("supportReferral.bpmn"));
    assertThat(tasks).containsAll(NotifiedSteps.caseProcessSteps());
  }

  @Test
  void thePanelPublishesItsAgendaAtTheStepTheInvitationsHangOn() {
    BpmnModelInstance panel = Bpmn.readModelFromFile(Path.of("processes", NotifiedSteps.SCRUTINY_PANEL + ".bpmn").toFile());
    Object publish = panel.getModelElementById(NotifiedSteps.PUBLISH_AGENDA);
    assertThat(publish).isInstanceOf(ServiceTask.class);
  }

  @Test
  void theCheckFailsForAStepThatIsNotInTheModel() {
    assertThat(userTasks("oversightCase.bpmn")).doesNotContain("contactVictimSoon");
  }
}
