package uk.police.daoversight.support;

import org.camunda.bpm.engine.RuntimeService;

/**
 * One open panel per meeting date is a rule of the database (#20): a test that starts a panel first
 * withdraws the panels other tests left open in the shared context, as an administrator would
 * (deleting the instance cancels its meeting and frees the date and its cases).
 */
public final class OpenPanels {

  private OpenPanels() {}

  public static void withdrawAll(RuntimeService runtimeService) {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("scrutinyPanel").list()
        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "withdrawn before another test's panel", false));
  }
}
