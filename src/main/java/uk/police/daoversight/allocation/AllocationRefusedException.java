package uk.police.daoversight.allocation;

/** A coordinator's choice of SOO that the rules do not allow; the reason is shown to them. */
public class AllocationRefusedException extends RuntimeException {
  public AllocationRefusedException(String reason) {
    super(reason);
  }
}
