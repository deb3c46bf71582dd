package uk.police.daoversight.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Spring context's engine for camunda-bpm-assert, and a clean clock after every test (tests
 * that move the engine clock never leak the move into the next).
 */
public abstract class EngineTest {

  @Autowired protected ProcessEngine engine;

  @BeforeEach
  void initEngineAssertions() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetEngineAssertionsAndClock() {
    ClockUtil.reset();
    BpmnAwareTests.reset();
  }
}
