package com.storewire.intake.deployment;

import com.storewire.events.codec.FieldError;
import com.storewire.intake.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.metrics.management.endpoint.MetricsEndpoint;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.util.List;
import java.util.Optional;

/**
 * Lets a request reach its route only where this deployment serves it, and on the public deployment
 * only with a current storefront key where the route asks for one.
 *
 * <ul>
 *   <li>Public: {@link StorefrontRoute}s (with a key, else 401), {@link WebhookRoute}s (their
 *       handler checks the vendor's signature), {@code /health}; {@code /metrics} only when
 *       STOREWIRE_PUBLIC_METRICS_ENDPOINT=true.
 *   <li>Private: {@link PrivateRoute}s and every management endpoint; Cloud Run IAM has checked the
 *       caller, so no key is asked for.
 * </ul>
 *
 * A route with none of the annotations is served by neither: a new route is served nowhere until it
 * says where. A route this deployment does not serve answers exactly as a path nobody serves does:
 * 404, with the same problem, so the public service does not reveal the private one's routes.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RouteGate implements Ordered {

  private final ServedRoutes served;
  private final MeterRegistry meters;

  RouteGate(ServedRoutes served, MeterRegistry meters) {
    this.served = served;
    this.meters = meters;
  }

  /** Before Micronaut's own endpoint filter, which would answer 401 for a sensitive endpoint. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> gate(HttpRequest<?> request) {
    Optional<RouteMatch<?>> match = RouteAttributes.getRouteMatch(request);
    if (match.isEmpty() || match.get().getRouteInfo().isErrorRoute()) {
      // Nothing matched: the router answers 404 itself (StatusProblems renders it).
      return null;
    }
    RouteMatch<?> route = match.get();
    AnnotationMetadata metadata = route.getAnnotationMetadata();
    if (!served(route, metadata)) {
      return Problem.notFound(request).response();
    }
    if (served.isPublic()
        && metadata.hasAnnotation(StorefrontRoute.class)
        && !served.storefrontKeys().accepts(request.getHeaders().get(StorefrontKeys.HEADER))) {
      boolean missing = request.getHeaders().get(StorefrontKeys.HEADER) == null;
      meters
          .counter("storewire.storefront.refused", "reason", missing ? "missing_key" : "wrong_key")
          .increment();
      return Problem.of(
              HttpStatus.UNAUTHORIZED,
              "storefront-api-key",
              "Storefront API key required",
              "Send one of the storefront's current API keys in the "
                  + StorefrontKeys.HEADER
                  + " header.")
          .withErrors(
              List.of(
                  new FieldError(
                      StorefrontKeys.HEADER,
                      missing ? "required header" : "not a current storefront API key")))
          .response();
    }
    return null;
  }

  /**
   * The router answers 405 with an Allow header when the path has routes for other methods; on the
   * public deployment those may be private ones (GET /v1/skus/x/settings would name PUT), so there
   * a 405 is the same 404 as any path it does not serve.
   */
  @ResponseFilter
  HttpResponse<?> hideOtherMethods(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (served.isPublic() && response.code() == HttpStatus.METHOD_NOT_ALLOWED.getCode()) {
      return Problem.notFound(request).response();
    }
    return response;
  }

  private boolean served(RouteMatch<?> route, AnnotationMetadata metadata) {
    Class<?> type = route.getRouteInfo().getDeclaringType();
    if (served.isPublic()) {
      return metadata.hasAnnotation(StorefrontRoute.class)
          || metadata.hasAnnotation(WebhookRoute.class)
          || HealthEndpoint.class.isAssignableFrom(type)
          || (MetricsEndpoint.class.isAssignableFrom(type) && served.publicMetrics());
    }
    return metadata.hasAnnotation(PrivateRoute.class) || type.isAnnotationPresent(Endpoint.class);
  }
}
