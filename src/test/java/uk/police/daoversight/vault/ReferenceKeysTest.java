package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Outside demo mode the application does not start with a key anyone could know or guess. */
class ReferenceKeysTest {

  static final String GOOD = "k3Yf0r-th1s-f0rce-0nly-9a8b7c6d5e4f3a2b";

  @Test
  void theDevelopmentKeyIsRefusedOutsideDemoMode() {
    assertThatThrownBy(() -> new ReferenceKeys(ReferenceKeys.DEVELOPMENT_KEY, false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("VAULT_REFERENCE_KEY is not set");
    assertThatThrownBy(() -> new ReferenceKeys(" " + ReferenceKeys.DEVELOPMENT_KEY + " ", false))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new ReferenceKeys("", false)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aShortKeyIsRefusedOutsideDemoMode() {
    assertThatThrownBy(() -> new ReferenceKeys("short-but-not-the-default", false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("shorter than 32");
  }

  @Test
  void aRealKeyStartsAndTheDemoMayUseTheDevelopmentKey() {
    assertThatCode(() -> new ReferenceKeys(GOOD, false)).doesNotThrowAnyException();
    assertThatCode(() -> new ReferenceKeys(ReferenceKeys.DEVELOPMENT_KEY, true)).doesNotThrowAnyException();
  }
}
