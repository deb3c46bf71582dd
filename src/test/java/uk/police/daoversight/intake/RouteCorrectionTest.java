package uk.police.daoversight.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteCorrectionTest {

  @Test
  void keepingOrChoosingTheDecidedRouteNeedsNoReason() {
    assertThat(RouteCorrection.route("PANEL", null, null)).isEqualTo("PANEL");
    assertThat(RouteCorrection.route("PANEL", " ", null)).isEqualTo("PANEL");
    assertThat(RouteCorrection.route("PANEL", "KEEP", null)).isEqualTo("PANEL");
    assertThat(RouteCorrection.route("CASE_CONFERENCE", "CASE_CONFERENCE", null)).isEqualTo("CASE_CONFERENCE");
  }

  @Test
  void changingTheRouteNeedsAReason() {
    assertThatThrownBy(() -> RouteCorrection.route("PANEL", "CASE_CONFERENCE", "  "))
        .isInstanceOf(RouteCorrection.Refused.class)
        .hasMessage("Give a reason for changing the route from the panel to a case conference");
    assertThat(RouteCorrection.route("PANEL", "CASE_CONFERENCE", "Earlier cases with other victims in another force"))
        .isEqualTo("CASE_CONFERENCE");
    assertThat(RouteCorrection.route("CASE_CONFERENCE", "PANEL", "Both parties work for other forces")).isEqualTo("PANEL");
  }

  @Test
  void onlyTheTwoRoutesAndAShortReasonAreAccepted() {
    assertThatThrownBy(() -> RouteCorrection.route("PANEL", "NOWHERE", "because")).isInstanceOf(RouteCorrection.Refused.class);
    assertThatThrownBy(() -> RouteCorrection.route("PANEL", "CASE_CONFERENCE", "x".repeat(1001)))
        .isInstanceOf(RouteCorrection.Refused.class).hasMessageContaining("1000");
  }
}
