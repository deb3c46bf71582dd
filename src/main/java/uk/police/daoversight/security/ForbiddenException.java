package uk.police.daoversight.security;

/** The caller is authenticated but not entitled: answered 403 with this message. */
public class ForbiddenException extends RuntimeException {
  public ForbiddenException(String message) {
    super(message);
  }
}
