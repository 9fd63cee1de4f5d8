package com.storewire.intake;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;

/**
 * Puts Cloud Run's trace id ({@code X-Cloud-Trace-Context: TRACE/SPAN;o=1}) into every log line of
 * the request as {@code logging.googleapis.com/trace}, the field Cloud Logging joins on, so a
 * request's logs line up with its trace.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CloudTraceFilter {

  static final String TRACE_FIELD = "logging.googleapis.com/trace";

  private final String project;

  CloudTraceFilter(IntakeSettings settings) {
    this.project = settings.projectId();
  }

  @RequestFilter
  void traceIntoLogs(HttpRequest<?> request, MutablePropagatedContext context) {
    String header = request.getHeaders().get("X-Cloud-Trace-Context");
    if (header != null && !header.isBlank()) {
      String traceId = header.split("/", 2)[0];
      context.add(
          new MdcPropagationContext(
              Map.of(TRACE_FIELD, "projects/" + project + "/traces/" + traceId)));
    }
  }
}
