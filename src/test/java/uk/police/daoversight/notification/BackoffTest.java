package uk.police.daoversight.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 12);

  @Test
  void theWaitDoublesUpToTheLongest() {
    assertThat(backoff.after(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(16));
    assertThat(backoff.after(7)).isEqualTo(Duration.ofHours(1));
    assertThat(backoff.after(1000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void itGivesUpAfterTheLastAttemptOnly() {
    assertThat(backoff.givesUp(11)).isFalse();
    assertThat(backoff.givesUp(12)).isTrue();
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofHours(1), 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofHours(2), Duration.ofHours(1), 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
