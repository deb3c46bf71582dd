package uk.police.daoversight.reporting;

import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/**
 * The theme taxonomy (analysts maintain it), recurring themes across panels, and force-wide
 * taskings made from themes. Read by managers, the chair and analysts.
 */
@RestController
public class ThemesController {

  public record Name(String name) {}

  public record NewTasking(String title, String owner, LocalDate dueDate) {}

  private final ThemeTaxonomy themes;
  private final CurrentUser currentUser;

  public ThemesController(ThemeTaxonomy themes, CurrentUser currentUser) {
    this.themes = themes;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/themes")
  public List<ThemeTaxonomy.Theme> all() {
    readers();
    return themes.all();
  }

  @PostMapping("/api/themes")
  public ResponseEntity<ThemeTaxonomy.Theme> add(@RequestBody Name body) {
    currentUser.requireAnyGroup(Groups.ANALYSTS);
    return ResponseEntity.status(201).body(themes.add(body == null ? null : body.name()));
  }

  @PutMapping("/api/themes/{id}")
  public ThemeTaxonomy.Theme rename(@PathVariable String id, @RequestBody Name body) {
    currentUser.requireAnyGroup(Groups.ANALYSTS);
    return themes.rename(id, body == null ? null : body.name(), currentUser.userId());
  }

  @PostMapping("/api/themes/{id}/retire")
  public ThemeTaxonomy.Theme retire(@PathVariable String id) {
    currentUser.requireAnyGroup(Groups.ANALYSTS);
    return themes.retire(id);
  }

  @GetMapping("/api/themes/recurrence")
  public List<ThemeTaxonomy.Recurrence> recurrence() {
    readers();
    return themes.recurrence();
  }

  @PostMapping("/api/themes/{id}/taskings")
  public ResponseEntity<ThemeTaxonomy.Tasking> task(@PathVariable String id, @RequestBody NewTasking body) {
    currentUser.requireAnyGroup(Groups.ANALYSTS, Groups.MANAGERS);
    return ResponseEntity.status(201).body(themes.task(id, body == null ? null : body.title(),
        body == null ? null : body.owner(), body == null ? null : body.dueDate(), currentUser.userId()));
  }

  @GetMapping("/api/taskings")
  public List<ThemeTaxonomy.Tasking> taskings() {
    readers();
    return themes.taskings();
  }

  @PostMapping("/api/taskings/{id}/complete")
  public ThemeTaxonomy.Tasking complete(@PathVariable String id) {
    currentUser.requireAnyGroup(Groups.ANALYSTS, Groups.MANAGERS);
    return themes.complete(id);
  }

  private void readers() {
    currentUser.requireAnyGroup(Groups.MANAGERS, Groups.PANEL_CHAIR, Groups.ANALYSTS);
  }
}
