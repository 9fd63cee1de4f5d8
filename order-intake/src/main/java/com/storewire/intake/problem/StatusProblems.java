package com.storewire.intake.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The router's own 404, for a path nothing serves, as a problem: the same one the route gate
 * ({@code deployment.RouteGate}) gives for a route this deployment does not serve.
 */
@Controller
@Hidden
final class StatusProblems {

  @Error(status = HttpStatus.NOT_FOUND, global = true)
  HttpResponse<String> notFound(HttpRequest<?> request) {
    return Problem.notFound(request).response();
  }
}
