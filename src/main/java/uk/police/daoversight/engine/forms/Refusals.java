package uk.police.daoversight.engine.forms;

/**
 * The refusal the engine made on this thread during the current request, so that the REST layer can
 * answer it as a 400 or 403 whatever engine-rest's resource made of the exception (several wrap any
 * engine exception into a 500).
 */
public final class Refusals {

  /** What to answer. */
  public record Refusal(int status, String type, String message) {}

  private static final ThreadLocal<Refusal> LAST = new ThreadLocal<>();

  private Refusals() {}

  static void record(RuntimeException refusal) {
    int status = refusal instanceof PersonWriteRefusedException ? 403 : 400;
    String type = refusal instanceof PersonWriteRefusedException ? "PersonWriteRefused" : "FormInputRefused";
    LAST.set(new Refusal(status, type, refusal.getMessage()));
  }

  /** The refusal made on this thread since the last call, once. */
  public static Refusal take() {
    Refusal refusal = LAST.get();
    LAST.remove();
    return refusal;
  }

  public static void clear() {
    LAST.remove();
  }
}
