package uk.police.daoversight.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Refusals Spring meets before it knows which controller a request is for (a multipart body that
 * does not parse, one too large, a content type that does not parse), which {@link ApiExceptionHandler}
 * (scoped to the application's controllers) never sees: a 4xx with a plain message, not the error
 * page's 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class RequestShapeAnswers {

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
    return answer(HttpStatus.PAYLOAD_TOO_LARGE, "The upload is larger than this endpoint accepts");
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, Object>> badMultipart(MultipartException e) {
    if (e.getCause() != null && e.getCause().getClass().getSimpleName().contains("SizeLimitExceeded")) {
      return tooLarge(null);
    }
    return answer(HttpStatus.BAD_REQUEST, "The upload is not a readable multipart form");
  }

  @ExceptionHandler(InvalidMediaTypeException.class)
  ResponseEntity<Map<String, Object>> badMediaType(InvalidMediaTypeException e) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This content type is not accepted here");
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("message", message);
    return ResponseEntity.status(status).body(body);
  }
}
