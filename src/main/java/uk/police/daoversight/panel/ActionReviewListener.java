package uk.police.daoversight.panel;

import static uk.police.daoversight.process.PanelVariables.ACTION_REVIEWS;
import static uk.police.daoversight.process.PanelVariables.PANEL_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * "Review the last panel's open actions": on create, the open actions as the form's table and list
 * (a JSON variable); on complete, each answered not done or not possible, or the task stays open
 * with the reason (400 in Tasklist, nothing lost).
 */
@Component
public class ActionReviewListener implements TaskListener {

  private final ActionReview review;
  private final ObjectMapper json = new ObjectMapper();

  public ActionReviewListener(ActionReview review) {
    this.review = review;
  }

  @Override
  public void notify(DelegateTask task) {
    String meetingId = PANEL_ID.from(task).get();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      try {
        task.setVariable(ACTION_REVIEWS, SpinValues.jsonValue(json.writeValueAsString(review.openFromLastMeeting(meetingId))).create());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("The open actions could not be written", e);
      }
      return;
    }
    try {
      review.record(meetingId, answers(task.getVariable(ACTION_REVIEWS)), task.getAssignee());
    } catch (ActionReview.RefusedException e) {
      throw new BadUserRequestException(e.getMessage());
    }
  }

  private List<Map<String, Object>> answers(Object value) {
    try {
      String text = value instanceof SpinJsonNode node ? node.toString()
          : value instanceof String s ? s : json.writeValueAsString(value);
      return json.readValue(text, new TypeReference<>() {});
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new BadUserRequestException("The open actions review could not be read: give each action's status");
    }
  }
}
