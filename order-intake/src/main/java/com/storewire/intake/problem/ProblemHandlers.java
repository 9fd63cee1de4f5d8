package com.storewire.intake.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves as a problem body; an unexpected one is logged with its stack trace. */
final class ProblemHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

  private ProblemHandlers() {}

  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  @Requires(classes = {ProblemException.class, ExceptionHandler.class})
  static final class Expected implements ExceptionHandler<ProblemException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, ProblemException exception) {
      return exception.problem().response();
    }
  }

  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  @Requires(classes = {IllegalStateException.class, ExceptionHandler.class})
  static final class Unexpected
      implements ExceptionHandler<IllegalStateException, HttpResponse<String>> {
    @Override
    public HttpResponse<String> handle(HttpRequest request, IllegalStateException exception) {
      LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
      return Problem.of(
              HttpStatus.SERVICE_UNAVAILABLE,
              "unavailable",
              "Temporarily unavailable",
              "The request could not be completed; it changed nothing and can be retried.")
          .response();
    }
  }
}
