package uk.police.daoversight.conference;

import static uk.police.daoversight.process.PanelVariables.CONFERENCE_DATE;
import static uk.police.daoversight.process.PanelVariables.CONFERENCE_OUTCOME_DUE_DATE;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import uk.police.daoversight.deadline.Deadlines;

/**
 * "Schedule case conference", on complete: a missing, unreadable or past date is refused with a
 * plain reason (the engine rolls the completion back, nothing changes); an accepted date sets the
 * outcome's due date, the end of the next working day after the conference.
 */
@Component
public class ConferenceDateListener implements TaskListener {

  private final Deadlines deadlines;

  public ConferenceDateListener(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void notify(DelegateTask task) {
    String date = CONFERENCE_DATE.from(task).getOrNull();
    String refusal = ConferenceDates.refusal(date, ClockUtil.getCurrentTime().toInstant());
    if (refusal != null) {
      throw new BadUserRequestException(refusal);
    }
    Instant when = ConferenceDates.parse(date).orElseThrow();
    CONFERENCE_OUTCOME_DUE_DATE.on(task.getExecution()).set(Date.from(deadlines.workingDays().dueBy(when, 1)));
  }
}
