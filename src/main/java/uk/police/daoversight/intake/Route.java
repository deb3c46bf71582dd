package uk.police.daoversight.intake;

/** The ten ways a police-related domestic abuse case reaches the case coordinators. */
public enum Route {
  CALL_999("999 call"),
  CALL_101("101 call"),
  LINE_MANAGER("Line manager"),
  COLLEAGUE("Colleague"),
  PSD("Professional standards department"),
  ANTI_CORRUPTION("Anti-corruption unit"),
  MASH("Multi-agency safeguarding hub"),
  IDVA("IDVA referral"),
  OTHER_FORCE_TRANSFER("Transfer from another force"),
  IOPC("IOPC public complaint referral");

  private final String label;

  Route(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
