package uk.police.daoversight.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;

/** The walker behind {@link EngineGuard}: every expression at every depth, and only exact allowed ones. */
class QueryExpressionsTest {

  private static TaskQueryImpl orQuery() {
    TaskQueryImpl query = new TaskQueryImpl();
    query.setOrQueryActive();
    return query;
  }

  /** top -> or -> or, the expression in the innermost, as engine-rest builds it from nested orQueries. */
  private static TaskQueryImpl twoLevelsDeep(String expression) {
    TaskQueryImpl inner = orQuery();
    inner.taskOwnerExpression(expression);
    TaskQueryImpl middle = orQuery();
    middle.taskAssignee("nobody");
    middle.addOrQuery(inner);
    TaskQueryImpl top = new TaskQueryImpl();
    top.taskName("plain");
    top.addOrQuery(middle);
    return top;
  }

  @Test
  void findsAnExpressionNestedTwoLevelsDeep() {
    assertThatThrownBy(() -> QueryExpressions.refuseAny(twoLevelsDeep("${anything}")))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("Expressions are forbidden in queries");
    assertThatThrownBy(() -> QueryExpressions.refuseUnlisted(twoLevelsDeep("${environment}")))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("not allowed");
  }

  @Test
  void findsExpressionsAtTheTopAndOneLevelDown() {
    TaskQueryImpl top = new TaskQueryImpl();
    top.taskAssigneeExpression("#{x}");
    assertThatThrownBy(() -> QueryExpressions.refuseAny(top)).isInstanceOf(BadUserRequestException.class);
    TaskQueryImpl withOr = new TaskQueryImpl();
    TaskQueryImpl or = orQuery();
    or.dueBeforeExpression("${x}");
    withOr.addOrQuery(or);
    assertThatThrownBy(() -> QueryExpressions.refuseAny(withOr)).isInstanceOf(BadUserRequestException.class);
  }

  @Test
  void plainQueriesPassAtEveryDepth() {
    TaskQueryImpl inner = orQuery();
    inner.taskAssignee("soo1");
    TaskQueryImpl top = new TaskQueryImpl();
    top.addOrQuery(inner);
    assertThatCode(() -> QueryExpressions.refuseAny(top)).doesNotThrowAnyException();
    assertThatCode(() -> QueryExpressions.refuseAny(new ProcessInstanceQueryImpl())).doesNotThrowAnyException();
    assertThatCode(() -> QueryExpressions.refuseAny(new HistoricProcessInstanceQueryImpl())).doesNotThrowAnyException();
    assertThatCode(() -> QueryExpressions.refuseAny(null)).doesNotThrowAnyException();
  }

  @Test
  void storedFiltersKeepExactlyTheApplicationsOwnExpressions() {
    TaskQueryImpl mine = new TaskQueryImpl();
    mine.taskAssigneeExpression("${currentUser()}");
    TaskQueryImpl or = orQuery();
    or.taskCandidateGroupInExpression("${currentUserGroups()}");
    mine.addOrQuery(or);
    assertThatCode(() -> QueryExpressions.refuseUnlisted(mine)).doesNotThrowAnyException();
    assertThatThrownBy(() -> QueryExpressions.refuseAny(mine)).as("but never in an ad-hoc query")
        .isInstanceOf(BadUserRequestException.class);
    for (String nearMiss : new String[] {"${currentUser() }", "#{currentUser()}", "${currentUser()}${x}",
        "${currentUser(); x}", "${ currentUser()}", "${now()}"}) {
      TaskQueryImpl query = new TaskQueryImpl();
      query.taskAssigneeExpression(nearMiss);
      assertThatThrownBy(() -> QueryExpressions.refuseUnlisted(query)).as(nearMiss).isInstanceOf(BadUserRequestException.class);
    }
  }
}
