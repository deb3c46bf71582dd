package uk.police.daoversight.notification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.CurrentUser;

/**
 * {@code GET/PUT /api/me/notifications}: the signed-in person's own choice, every notice at once
 * ({@code IMMEDIATE}, the default) or one message a day ({@code DAILY_DIGEST}). Panel invitations
 * always go at once. Each person sees and changes only their own.
 */
@RestController
public class NotificationPreferenceController {

  /** The body of a PUT. */
  public record Choice(String mode) {}

  private final NotificationOutbox outbox;
  private final CurrentUser currentUser;

  public NotificationPreferenceController(NotificationOutbox outbox, CurrentUser currentUser) {
    this.outbox = outbox;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/me/notifications")
  public Map<String, Object> mine() {
    String user = currentUser.userId();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("mode", outbox.mode(user).name());
    answer.put("waiting", outbox.pendingFor(user));
    return answer;
  }

  @PutMapping("/api/me/notifications")
  public Map<String, Object> choose(@RequestBody(required = false) Choice choice) {
    String user = currentUser.userId();
    String wanted = choice == null || choice.mode() == null ? "" : choice.mode().trim();
    NotificationOutbox.Mode mode = Arrays.stream(NotificationOutbox.Mode.values()).filter(m -> m.name().equals(wanted))
        .findFirst().orElseThrow(() -> new BadRequestException("mode must be IMMEDIATE or DAILY_DIGEST",
            Map.of("mode", "must be IMMEDIATE or DAILY_DIGEST")));
    outbox.setMode(user, mode);
    return mine();
  }
}
