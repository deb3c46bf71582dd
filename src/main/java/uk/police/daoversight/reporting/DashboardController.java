package uk.police.daoversight.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/**
 * {@code /dashboard}: the figures at a glance, for managers, the panel chair and analysts. The page,
 * its script and Chart.js are all served by the application (no external network).
 */
@RestController
public class DashboardController {

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final CurrentUser currentUser;

  public DashboardController(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  @GetMapping("/dashboard")
  public ResponseEntity<String> page() throws IOException {
    currentUser.requireAnyGroup(Groups.MANAGERS, Groups.PANEL_CHAIR, Groups.ANALYSTS);
    try (InputStream in = new ClassPathResource("dashboard/index.html").getInputStream()) {
      return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Content-Security-Policy", CSP)
          .header("Cache-Control", "no-store").body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
