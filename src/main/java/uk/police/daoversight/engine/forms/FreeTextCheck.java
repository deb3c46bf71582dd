package uk.police.daoversight.engine.forms;

import java.util.List;
import java.util.Map;

/**
 * Checks what a person typed into a task form's free-text fields before the engine stores it: the
 * problems name the field and the kind of detail found, never the value (issue #17 item 7).
 */
public interface FreeTextCheck {

  /** {@code userId}: who typed it; {@code typed}: field key to text. Returns nothing when every text may be stored. */
  List<FormProblem> check(String userId, String caseCode, String taskId, Map<String, String> typed);
}
