package uk.police.daoversight.panel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.spin.json.SpinJsonNode;
import uk.police.daoversight.closure.PanelActions;

/**
 * The panel's agreed actions as the outcome form's dynamic list sends them (#20 item 6): every row
 * with something to do becomes a panel action with its owner and due date. Pure; the form check has
 * already refused a row without an owner from the list or a date.
 */
public final class AgreedActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AgreedActions() {
  }

  /** The rows of the list (a Spin JSON value, a JSON string or a list of maps); nothing when there is none. */
  public static List<PanelActions.NewAction> from(Object value) {
    if (value == null) {
      return List.of();
    }
    List<Map<String, Object>> rows;
    try {
      String text = value instanceof SpinJsonNode node ? node.toString()
          : value instanceof String s ? s : JSON.writeValueAsString(value);
      rows = JSON.readValue(text, new TypeReference<>() {});
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new BadUserRequestException("The agreed actions could not be read: give each action, its owner and its due date");
    }
    List<PanelActions.NewAction> actions = new ArrayList<>();
    if (rows == null) {
      return actions;
    }
    for (Map<String, Object> row : rows) {
      String what = text(row == null ? null : row.get("what"));
      if (what == null) {
        continue;
      }
      String owner = text(row.get("owner"));
      actions.add(new PanelActions.NewAction(what, owner == null ? "SOO" : owner, due(text(row.get("due")))));
    }
    return actions;
  }

  private static String text(Object value) {
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).trim();
  }

  private static LocalDate due(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new BadUserRequestException("An agreed action's due date must be a date");
    }
  }
}
