package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.MEETING_PROBLEM;
import static uk.police.daoversight.process.PanelVariables.MEETING_START;
import static uk.police.daoversight.process.PanelVariables.PROPOSED_MEETING_START;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Propose the next meeting": the schedule's next meeting whose agenda is still to be drawn. */
@Component
public class ProposeMeetingDelegate implements JavaDelegate {

  private final PanelSettings settings;
  private final Clock clock;

  public ProposeMeetingDelegate(PanelSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String proposal = settings.format(settings.nextMeeting(clock.instant()));
    PROPOSED_MEETING_START.on(execution).set(proposal);
    MEETING_START.on(execution).set(proposal);
    MEETING_PROBLEM.on(execution).set(null);
  }
}
