package uk.police.daoversight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ElProviderCompatible;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;

/** The expression manager every expression of this engine runs through, and what it refuses. */
@IntegrationTest
class RestrictedExpressionManagerTest extends EngineTest {

  private static final String MARKER = "restricted.expression.marker";

  @Autowired ApplicationContext applicationContext;

  @AfterEach
  void clearMarker() {
    System.clearProperty(MARKER);
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private Object evaluate(ExpressionManager manager, String expression, VariableScope scope) {
    return configuration().getCommandExecutorTxRequired().execute(context -> manager.createExpression(expression).getValue(scope));
  }

  private Object evaluate(String expression) {
    return evaluate(configuration().getExpressionManager(), expression, null);
  }

  @Test
  void theEngineAndItsDmnEngineUseTheRestrictedManager() {
    ExpressionManager manager = configuration().getExpressionManager();
    assertThat(manager).isInstanceOf(RestrictedExpressionManager.class);
    DefaultDmnEngineConfiguration dmn = configuration().getDmnEngineConfiguration();
    assertThat(dmn.getElProvider()).as("DMN's JUEL").isSameAs(((ElProviderCompatible) manager).toElProvider());
    assertThat(configuration().isEnableExpressionsInAdhocQueries()).isFalse();
  }

  @Test
  void controlTheMarkerExpressionRunsOnCamundasOwnManagerAndIsRefusedOnOurs() {
    String expression = "${environment.getSystemProperties().put('" + MARKER + "','ran')}";
    SpringExpressionManager camundas = new SpringExpressionManager(applicationContext, null);
    evaluate(camundas, expression, null);
    assertThat(System.getProperty(MARKER)).as("the insider tests' marker works when evaluated").isEqualTo("ran");
    System.clearProperty(MARKER);

    assertThatThrownBy(() -> evaluate(expression)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("refused");
    assertThat(System.getProperty(MARKER)).isNull();
    assertThat(evaluate(camundas, "${''.getClass().getName()}", null)).as("Camunda's own: reflection works")
        .isEqualTo("java.lang.String");
  }

  @Test
  void refusesReflectionClassAccessAndEngineLookUps() {
    List<String> dangerous = List.of(
        "${''.getClass().forName('java.lang.Runtime')}",
        "${''.getClass()}",
        "${''.class}",
        "${''.class.classLoader}",
        "${''.getClass().getClassLoader().loadClass('java.lang.Runtime')}",
        "${''.getClass().getDeclaredMethods()}",
        "${''.getClass().getMethods()}",
        "${''.getClass().getMethod('length')}",
        "${execution.getProcessEngineServices().getRuntimeService()}",
        "${execution.processEngineServices.runtimeService}",
        "${execution.getProcessEngine().getIdentityService()}",
        "${execution.processEngine}",
        "${runtimeService.createProcessInstanceQuery().list()}",
        "${repositoryService}",
        "${identityService.createUserQuery().list()}",
        "${authorizationService}",
        "${managementService.getTableMetaData('ACT_RU_TASK')}",
        "${historyService}",
        "${processEngine}",
        "${processEngineConfiguration}",
        "${environment.getSystemProperties()}",
        "${applicationContext}",
        "${caseSoos.getClass()}",
        "${panelSettings.class}");
    ExecutionEntity execution = new ExecutionEntity();
    for (String expression : dangerous) {
      assertThatThrownBy(() -> evaluate(configuration().getExpressionManager(), expression, execution)).as(expression)
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("refused")
          .hasMessageNotContaining("at org.");
    }
  }

  @Test
  void refusesFilesPathsAndReflectionObjectsInVariablesToo() throws Exception {
    var dmnEl = ((ElProviderCompatible) configuration().getExpressionManager()).toElProvider();
    var variables = Variables.createVariables()
        .putValue("file", new File("/tmp"))
        .putValue("path", Path.of("/tmp"))
        .putValue("method", String.class.getMethod("length"))
        .putValue("thread", Thread.currentThread())
        .putValue("n", 41);
    for (String expression : List.of("${file.delete()}", "${file.name}", "${path.toFile()}", "${method.invoke('x')}",
        "${thread.getContextClassLoader()}", "${thread.name}")) {
      assertThatThrownBy(() -> configuration().getCommandExecutorTxRequired().execute(
          context -> dmnEl.createExpression(expression).getValue(variables.asVariableContext())))
          .as(expression).hasMessageContaining("refused");
    }
    Object sum = configuration().getCommandExecutorTxRequired().execute(
        context -> dmnEl.createExpression("${n + 1}").getValue(variables.asVariableContext()));
    assertThat(sum).isEqualTo(42L);
  }

  @Test
  void theModelsKindsOfExpressionStillEvaluate() {
    assertThat(evaluate("${true}")).isEqualTo(true);
    assertThat(evaluate("${'UNREACHABLE' == 'UNREACHABLE'}")).isEqualTo(true);
    assertThat(evaluate("${panelSettings.schedule}")).as("a bean's property").isNotNull();
    assertThat(evaluate("${caseSoos}")).as("a bean by name").isNotNull();
    assertThat(evaluate("${S('[]')}").toString()).as("Spin's function").isEqualTo("[]");
    assertThat(evaluate("${oversightSettings.updateReminderPeriod}")).isNotNull();
    ExecutionEntity execution = new ExecutionEntity();
    assertThat(evaluate(configuration().getExpressionManager(), "${execution}", execution)).isSameAs(execution);
    assertThat(evaluate(configuration().getExpressionManager(), "${execution.id}", execution)).isNull();
  }
}
