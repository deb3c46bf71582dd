package uk.police.daoversight.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import uk.police.daoversight.closure.PanelActions.NewAction;

/** The panel agrees as many actions as it needs (#20 item 6): each row of the form's list is one action. */
class AgreedActionsTest {

  @Test
  void everyRowBecomesAnActionWithItsOwnerAndDueDate() {
    Object sent = Spin.JSON("[{\"what\":\"Ask for the investigation plan\",\"owner\":\"OIC\",\"due\":\"2026-12-17\"},"
        + "{\"what\":\"Refer to the IDVA\",\"owner\":\"SOO\",\"due\":\"2026-12-10\"},"
        + "{\"what\":\"Check the conduct log\",\"owner\":\"PSD\",\"due\":\"2026-12-24T00:00:00\"},"
        + "{\"what\":\" Share the plan with the council \",\"owner\":\"Partner agency\",\"due\":\"2026-12-31\"}]");
    assertThat(AgreedActions.from(sent)).containsExactly(
        new NewAction("Ask for the investigation plan", "OIC", LocalDate.of(2026, 12, 17)),
        new NewAction("Refer to the IDVA", "SOO", LocalDate.of(2026, 12, 10)),
        new NewAction("Check the conduct log", "PSD", LocalDate.of(2026, 12, 24)),
        new NewAction("Share the plan with the council", "Partner agency", LocalDate.of(2026, 12, 31)));
  }

  @Test
  void aRowLeftEmptyIsNoActionAndNoListIsNone() {
    assertThat(AgreedActions.from(null)).isEmpty();
    assertThat(AgreedActions.from(Spin.JSON("[]"))).isEmpty();
    assertThat(AgreedActions.from(List.of(Map.of("what", " ", "owner", "OIC"),
        Map.of("what", "Ring the victim", "owner", "", "due", "")))).containsExactly(new NewAction("Ring the victim", "SOO", null));
    assertThat(AgreedActions.from("[{\"what\":\"Ring the victim\",\"owner\":\"OIC\",\"due\":\"2026-12-10\"}]"))
        .containsExactly(new NewAction("Ring the victim", "OIC", LocalDate.of(2026, 12, 10)));
  }

  @Test
  void whatCannotBeReadIsA400NotA500() {
    assertThatThrownBy(() -> AgreedActions.from("not a list")).isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("agreed actions");
    assertThatThrownBy(() -> AgreedActions.from(List.of(Map.of("what", "Ring", "due", "next week"))))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("date");
  }
}
