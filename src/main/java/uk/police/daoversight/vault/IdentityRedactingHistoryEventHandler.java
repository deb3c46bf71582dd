package uk.police.daoversight.vault;

import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import uk.police.daoversight.intake.ReferralFormFields;

/**
 * Keeps the referral's identity fields out of the engine's history. They exist as variables only
 * for the moment between the start form's submission and {@code SealReferralListener} moving them
 * into the vault; without this filter the engine would record them in ACT_HI_VARINST and, as
 * submitted form fields and variable updates, in ACT_HI_DETAIL.
 */
public class IdentityRedactingHistoryEventHandler implements HistoryEventHandler {

  private final HistoryEventHandler delegate;

  public IdentityRedactingHistoryEventHandler(HistoryEventHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!isIdentity(event)) {
      delegate.handleEvent(event);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  static boolean isIdentity(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      return ReferralFormFields.IDENTITY.contains(variable.getVariableName());
    }
    if (event instanceof HistoricFormPropertyEventEntity formField) {
      return ReferralFormFields.IDENTITY.contains(formField.getPropertyId());
    }
    return false;
  }
}
