package uk.police.daoversight.intake;

import static uk.police.daoversight.process.CaseVariables.COMPLEX_ROUTE;
import static uk.police.daoversight.process.CaseVariables.ROUTE_CORRECTION;
import static uk.police.daoversight.process.CaseVariables.ROUTE_CORRECTION_REASON;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Review history", on complete: the coordinator's routing correction ({@link RouteCorrection}).
 * A refused correction rolls the completion back with the reason (engine-rest answers 400);
 * an accepted one replaces the decided route.
 */
@Component
public class ReviewHistoryListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String decided = COMPLEX_ROUTE.from(task).getOrNull();
    String route;
    try {
      route = RouteCorrection.route(decided, ROUTE_CORRECTION.from(task).getOrNull(),
          ROUTE_CORRECTION_REASON.from(task).getOrNull());
    } catch (RouteCorrection.Refused refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    if (route != null && !route.equals(decided)) {
      COMPLEX_ROUTE.on(task.getExecution()).set(route);
    }
  }
}
