package uk.police.daoversight.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.junit.jupiter.api.Test;
import uk.police.daoversight.engine.history.VariableFilterGuard.Kind;

/** Which queries filter by a variable's value, at any place in the query, and so need the variable permission. */
class VariableFilterGuardTest {

  @Test
  void variableFiltersAreFoundAtTheTopAndInsideOrQueries() {
    assertThat(VariableFilterGuard.variableFilterKind(new ProcessInstanceQueryImpl().variableValueEquals("riskLevel", "HIGH")))
        .isEqualTo(Kind.RUNTIME);
    ProcessInstanceQueryImpl or = new ProcessInstanceQueryImpl();
    or.processDefinitionKey("oversightCase").or().variableValueEquals("riskLevel", "HIGH").endOr();
    assertThat(VariableFilterGuard.variableFilterKind(or)).isEqualTo(Kind.RUNTIME);

    HistoricProcessInstanceQueryImpl history = new HistoricProcessInstanceQueryImpl();
    history.or().variableValueLike("safeContactTimes", "Kest%").endOr();
    assertThat(VariableFilterGuard.variableFilterKind(history)).isEqualTo(Kind.HISTORY);

    TaskQueryImpl tasks = new TaskQueryImpl();
    tasks.or().processVariableValueEquals("riskLevel", "HIGH").endOr();
    assertThat(VariableFilterGuard.variableFilterKind(tasks)).isEqualTo(Kind.TASK);
    assertThat(VariableFilterGuard.variableFilterKind(new TaskQueryImpl().taskVariableValueEquals("x", 1))).isEqualTo(Kind.TASK);

    TaskQueryImpl sorted = new TaskQueryImpl();
    sorted.orderByProcessVariable("riskLevel", org.camunda.bpm.engine.variable.type.ValueType.STRING).asc();
    assertThat(VariableFilterGuard.variableFilterKind(sorted)).as("sorting by a value answers the same question").isEqualTo(Kind.TASK);

    HistoricTaskInstanceQueryImpl historicTasks = new HistoricTaskInstanceQueryImpl();
    historicTasks.processVariableValueEquals("riskLevel", "HIGH");
    assertThat(VariableFilterGuard.variableFilterKind(historicTasks)).isEqualTo(Kind.HISTORY);
  }

  @Test
  void queriesWithoutVariableFiltersAndVariableQueriesPass() {
    assertThat(VariableFilterGuard.variableFilterKind(new ProcessInstanceQueryImpl().processInstanceBusinessKey("ABCD-1234"))).isNull();
    assertThat(VariableFilterGuard.variableFilterKind(new TaskQueryImpl().taskDefinitionKey("contactVictim"))).isNull();
    assertThat(VariableFilterGuard.variableFilterKind(new HistoricProcessInstanceQueryImpl())).isNull();
    assertThat(VariableFilterGuard.variableFilterKind(new VariableInstanceQueryImpl().variableValueEquals("riskLevel", "HIGH")))
        .as("checked by the engine against the variable permissions").isNull();
  }
}
