package uk.police.daoversight.vault;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.security.CurrentUser;

/**
 * {@code GET /api/cases/{caseCode}/refused-texts}: free texts refused as possibly identifying, for a
 * case coordinator; {@code POST /api/refused-texts/{id}/release}: a false positive released (204).
 */
@RestController
public class AnonymisedTextController {

  private final AnonymisedText texts;
  private final CurrentUser currentUser;

  public AnonymisedTextController(AnonymisedText texts, CurrentUser currentUser) {
    this.texts = texts;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/cases/{caseCode}/refused-texts")
  public List<AnonymisedText.Refusal> refusals(@PathVariable String caseCode) {
    return texts.refusals(currentUser.userId(), currentUser.groups(), caseCode);
  }

  @PostMapping("/api/refused-texts/{id}/release")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void release(@PathVariable String id) {
    texts.release(currentUser.userId(), currentUser.groups(), id);
  }
}
