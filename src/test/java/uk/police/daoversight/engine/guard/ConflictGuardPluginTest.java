package uk.police.daoversight.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.GetActivityInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.GetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

/** Which task, execution or instance a command aims at, and which case a row of an answer belongs to. */
class ConflictGuardPluginTest {

  @Test
  void commandsAimedAtOneTaskOrInstanceAreFound() {
    assertThat(ConflictGuardPlugin.targetOf(new GetTaskVariablesCmd("t1", null, false, false)))
        .contains(Map.entry(ConflictGuardPlugin.Target.TASK, "t1"));
    assertThat(ConflictGuardPlugin.targetOf(new GetTaskFormVariablesCmd("t2", null, false)))
        .contains(Map.entry(ConflictGuardPlugin.Target.TASK, "t2"));
    assertThat(ConflictGuardPlugin.targetOf(new SetTaskVariablesCmd("t3", Map.of(), false)))
        .contains(Map.entry(ConflictGuardPlugin.Target.TASK, "t3"));
    assertThat(ConflictGuardPlugin.targetOf(new CompleteTaskCmd("t4", Map.of())))
        .contains(Map.entry(ConflictGuardPlugin.Target.TASK, "t4"));
    assertThat(ConflictGuardPlugin.targetOf(new ClaimTaskCmd("t5", "someone")))
        .contains(Map.entry(ConflictGuardPlugin.Target.TASK, "t5"));
    assertThat(ConflictGuardPlugin.targetOf(new GetExecutionVariablesCmd("e1", null, false, false)))
        .contains(Map.entry(ConflictGuardPlugin.Target.EXECUTION, "e1"));
    assertThat(ConflictGuardPlugin.targetOf(new SetExecutionVariablesCmd("e2", Map.of(), false)))
        .contains(Map.entry(ConflictGuardPlugin.Target.EXECUTION, "e2"));
    assertThat(ConflictGuardPlugin.targetOf(new GetActivityInstanceCmd("p1")))
        .contains(Map.entry(ConflictGuardPlugin.Target.PROCESS_INSTANCE, "p1"));
  }

  @Test
  void commandsAimedAtNoCaseAreLeftAlone() {
    assertThat(ConflictGuardPlugin.targetOf(new DeleteUserCmd("u1"))).isEmpty();
    assertThat(ConflictGuardPlugin.targetOf(new GetTaskVariablesCmd(null, null, false, false))).isEmpty();
    assertThat(ConflictGuardPlugin.targetOf((org.camunda.bpm.engine.impl.interceptor.Command<Object>) c -> null)).isEmpty();
  }

  @Test
  void rowsNameTheirInstanceOrTheirCase() {
    TaskEntity task = new TaskEntity();
    task.setProcessInstanceId("p9");
    assertThat(ConflictGuardPlugin.processInstanceIdOf(task)).isEqualTo("p9");
    assertThat(ConflictGuardPlugin.businessKeyOf(task)).isNull();
    HistoricProcessInstanceEventEntity instance = new HistoricProcessInstanceEventEntity();
    instance.setBusinessKey("not a case");
    assertThat(ConflictGuardPlugin.businessKeyOf(instance)).isNull();
    instance.setBusinessKey("ABCD-EFGH");
    assertThat(ConflictGuardPlugin.businessKeyOf(instance)).isEqualTo("ABCD-EFGH");
    assertThat(ConflictGuardPlugin.processInstanceIdOf("a string")).isNull();
  }
}
