package uk.police.daoversight.contact;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.CONTACT_NOTE;
import static uk.police.daoversight.process.CaseVariables.SCHEDULED_CONTACT_MADE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.oversight.CaseUpdates;
import uk.police.daoversight.process.Workers;

/** "File the contact": a scheduled victim contact is recorded on the case update form. */
@Component
public class RecordScheduledContactDelegate implements JavaDelegate {

  private final CaseUpdates updates;

  public RecordScheduledContactDelegate(CaseUpdates updates) {
    this.updates = updates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    updates.add(new CaseUpdates.Entry(CASE_CODE.from(execution).get(),
        Workers.lastCompletedBy(execution, "makeScheduledContact", "unknown"), CaseUpdates.Kind.SCHEDULED_CONTACT,
        Boolean.TRUE.equals(SCHEDULED_CONTACT_MADE.from(execution).getOrNull()),
        null, null, false, false, false, false, false, false, null, CONTACT_NOTE.from(execution).getOrNull()));
    SCHEDULED_CONTACT_MADE.on(execution).set(null);
    CONTACT_NOTE.on(execution).set(null);
  }
}
