package uk.police.daoversight.config;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import uk.police.daoversight.intake.DuplicateReferralException;
import uk.police.daoversight.intake.ReferralRejectedException;
import uk.police.daoversight.rules.RulesRefusedException;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.NotFoundException;

/**
 * Every {@code /api} error as a short JSON answer with a reason. No stack trace and no exception
 * message from below reaches a caller or a log line: messages from the database can carry values.
 */
@RestControllerAdvice(basePackages = "uk.police.daoversight")
public class ApiExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  static final String DATABASE_UNAVAILABLE = "The case store is briefly unavailable. Try again in a few seconds: "
      + "sending the same request again is safe (a referral already recorded is answered with its case code).";

  @ExceptionHandler(ReferralRejectedException.class)
  ResponseEntity<Map<String, Object>> rejected(ReferralRejectedException e) {
    return answer(HttpStatus.BAD_REQUEST, "The referral was not recorded", Map.of("problems", e.problems()));
  }

  @ExceptionHandler(DuplicateReferralException.class)
  ResponseEntity<Map<String, Object>> duplicate(DuplicateReferralException e) {
    return answer(HttpStatus.CONFLICT, "An open case already has this reference number",
        Map.of("caseCode", e.existingCaseCode()));
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<Map<String, Object>> badRequest(BadRequestException e) {
    return answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.problems().isEmpty() ? Map.of() : Map.of("problems", e.problems()));
  }

  @ExceptionHandler(RulesRefusedException.class)
  ResponseEntity<Map<String, Object>> rulesRefused(RulesRefusedException e) {
    return answer(HttpStatus.BAD_REQUEST, e.getMessage(), Map.of("reasons", e.reasons()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This content type is not accepted here", Map.of());
  }

  @ExceptionHandler(InvalidMediaTypeException.class)
  ResponseEntity<Map<String, Object>> invalidMediaType(InvalidMediaTypeException e) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This content type is not accepted here", Map.of());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
    return answer(HttpStatus.PAYLOAD_TOO_LARGE, "The upload is larger than this endpoint accepts", Map.of());
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e) {
    return answer(HttpStatus.BAD_REQUEST, "The upload has no part '" + e.getRequestPartName() + "'", Map.of());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
    return answer(HttpStatus.BAD_REQUEST, "Parameter '" + e.getParameterName() + "' is required", Map.of());
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, Object>> badMultipart(MultipartException e) {
    return answer(HttpStatus.BAD_REQUEST, "The upload is not a readable multipart form", Map.of());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = mismatch.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      return answer(HttpStatus.BAD_REQUEST, "The request body does not fit this endpoint",
          Map.of("problems", Map.of(field, "wrong type")));
    }
    return answer(HttpStatus.BAD_REQUEST, "The request body is not valid JSON", Map.of());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
    return answer(HttpStatus.BAD_REQUEST, "Parameter '" + e.getName() + "' has the wrong format", Map.of());
  }

  @ExceptionHandler({ForbiddenException.class, AuthorizationException.class})
  ResponseEntity<Map<String, Object>> forbidden(RuntimeException e) {
    String message = e instanceof ForbiddenException ? e.getMessage() : "Not permitted for your role";
    return answer(HttpStatus.FORBIDDEN, message, Map.of());
  }

  @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
  ResponseEntity<Map<String, Object>> notFound(Exception e) {
    return answer(HttpStatus.NOT_FOUND, e instanceof NotFoundException ? e.getMessage() : "Not found", Map.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    if (DatabaseUnavailable.isCauseOf(e)) {
      LOG.warn("Database unavailable; answered 503 ({})", e.getClass().getName());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
          .body(answer(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, Map.of()).getBody());
    }
    if (e instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
      // Spring MVC's own refusals of a request (method, media type, parameter, part): their status, a plain message.
      HttpStatus status = HttpStatus.valueOf(spring.getStatusCode().value());
      return answer(status, "The request was refused: " + status.getReasonPhrase().toLowerCase(), Map.of());
    }
    if (isValueRefusedByTheStore(e)) {
      // A value the checks let through but a column does not take (too long, out of range): the
      // request's fault, and its transaction stored nothing.
      LOG.warn("A value was refused by the database; answered 400 ({})", causeChain(e));
      return answer(HttpStatus.BAD_REQUEST, "A value is too long or out of range", Map.of());
    }
    String reference = UUID.randomUUID().toString();
    LOG.error("Unexpected error {} ({}); causes: {}", reference, e.getClass().getName(), causeChain(e));
    return answer(HttpStatus.INTERNAL_SERVER_ERROR,
        "The request could not be completed. Quote reference " + reference + " to support.", Map.of());
  }

  /** A data exception (SQLSTATE 22: string too long, numeric or date out of range, a negative offset) anywhere in the causes. */
  static boolean isValueRefusedByTheStore(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLDataException
          || t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
        return true;
      }
    }
    return false;
  }

  /** Class names and stack positions of the causes, without their messages. */
  static String causeChain(Throwable e) {
    StringBuilder chain = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      StackTraceElement top = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
      chain.append(t.getClass().getName()).append(top == null ? "" : " at " + top).append("; ");
    }
    return chain.toString();
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String message, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("message", message);
    body.putAll(extra);
    return ResponseEntity.status(status).body(body);
  }
}
