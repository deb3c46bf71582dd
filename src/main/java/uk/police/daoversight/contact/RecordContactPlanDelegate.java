package uk.police.daoversight.contact;

import static uk.police.daoversight.process.CaseVariables.ASSIGNED_SOO;
import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.CONTACT_INTERVAL;
import static uk.police.daoversight.process.CaseVariables.CONTACT_OUTCOME;
import static uk.police.daoversight.process.CaseVariables.MANAGER_COPY_AGREED;
import static uk.police.daoversight.process.CaseVariables.MESSAGE_SAFE;
import static uk.police.daoversight.process.CaseVariables.SAFE_CONTACT_CHANNEL;
import static uk.police.daoversight.process.CaseVariables.SAFE_CONTACT_TIMES;
import static uk.police.daoversight.process.CaseVariables.VOICEMAIL_SAFE;
import static uk.police.daoversight.process.CaseVariables.WORK_CONTACT_AGREED;

import java.time.Period;
import uk.police.daoversight.engine.history.StepFailure;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record contact plan": keeps the first-contact outcome, schedule and safe-contact preferences. */
@Component
public class RecordContactPlanDelegate implements JavaDelegate {

  private final ContactPlans plans;

  public RecordContactPlanDelegate(ContactPlans plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ContactPlans.Outcome outcome = outcome(CONTACT_OUTCOME.from(execution).getOrNull());
    String interval = outcome == ContactPlans.Outcome.ENGAGED ? interval(CONTACT_INTERVAL.from(execution).getOrNull()) : null;
    plans.save(new ContactPlans.Plan(CASE_CODE.from(execution).get(), ASSIGNED_SOO.from(execution).get(), outcome,
        interval, SAFE_CONTACT_CHANNEL.from(execution).getOrNull(), SAFE_CONTACT_TIMES.from(execution).getOrNull(),
        isTrue(VOICEMAIL_SAFE.from(execution).getOrNull()), isTrue(MESSAGE_SAFE.from(execution).getOrNull()),
        isTrue(WORK_CONTACT_AGREED.from(execution).getOrNull()), isTrue(MANAGER_COPY_AGREED.from(execution).getOrNull())));
  }

  /** The outcome the SOO chose; a value the form does not offer is named in no message (see StepFailure). */
  static ContactPlans.Outcome outcome(String value) {
    for (ContactPlans.Outcome outcome : ContactPlans.Outcome.values()) {
      if (outcome.name().equals(value)) {
        return outcome;
      }
    }
    throw new StepFailure("The contact outcome is not one the form offers");
  }

  /** The agreed interval as an ISO 8601 period (the form offers P7D, P14D, P28D). */
  static String interval(String value) {
    if (value == null || value.isBlank()) {
      throw new StepFailure("An engaged victim needs an agreed contact interval");
    }
    try {
      Period.parse(value.trim());
      return value.trim();
    } catch (DateTimeParseException e) {
      throw new StepFailure("The contact interval is not an ISO 8601 period such as P14D");
    }
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
