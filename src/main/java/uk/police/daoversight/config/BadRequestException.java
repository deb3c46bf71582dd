package uk.police.daoversight.config;

import java.util.Map;

/** Answered 400 with the message and, where given, the problems by field. */
public class BadRequestException extends RuntimeException {

  private final Map<String, String> problems;

  public BadRequestException(String message, Map<String, String> problems) {
    super(message);
    this.problems = Map.copyOf(problems);
  }

  public BadRequestException(String message) {
    this(message, Map.of());
  }

  public Map<String, String> problems() {
    return problems;
  }
}
