package uk.police.daoversight.closure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosureReadinessTest {

  static final ClosureReadiness.Assurance COMPLETE =
      new ClosureReadiness.Assurance("YES", "YES", "NOT_REFERRED", "Below the referral threshold", "NO", "YES");

  @Test
  void noOpenActionAndACompleteAssuranceRecordMayClose() {
    assertThat(ClosureReadiness.refusals(List.of(), COMPLETE)).isEmpty();
  }

  @Test
  void everyOpenActionIsListedWithItsOwnerAndDueDate() {
    var action = new PanelActions.Action("a1", "K7Q4-M2XD", "o1", "Update the victim weekly", "OIC", LocalDate.of(2026, 12, 1), "OPEN");
    assertThat(ClosureReadiness.refusals(List.of(action), COMPLETE))
        .containsExactly("Open panel action: Update the victim weekly (owner: OIC, due 2026-12-01)");
  }

  @Test
  void everyUnansweredAssuranceQuestionIsListed() {
    assertThat(ClosureReadiness.refusals(List.of(), new ClosureReadiness.Assurance(null, " ", null, null, null, null)))
        .containsExactly(
            "Assurance record: answer whether it was recorded and assessed as a complaint or conduct matter",
            "Assurance record: answer whether an IOPC referral was considered",
            "Assurance record: answer whether investigation by another force was considered",
            "Assurance record: answer whether abuse of police position or systems was checked");
  }

  @Test
  void aConsideredIopcReferralNeedsTheDecisionAndItsReason() {
    assertThat(ClosureReadiness.refusals(List.of(), new ClosureReadiness.Assurance("YES", "YES", null, "", "NO", "YES")))
        .containsExactly("Assurance record: answer the IOPC referral decision",
            "Assurance record: answer the reason for the IOPC referral decision");
    assertThat(ClosureReadiness.refusals(List.of(), new ClosureReadiness.Assurance("YES", "NO", null, null, "NO", "YES"))).isEmpty();
  }
}
