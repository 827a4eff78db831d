package dev.arcred.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.grpc.UnframedGrpcErrorHandler;
import io.grpc.Status;

/**
 * REST errors as Google writes them, {@code {"error":{"code":404,"message":"...","status":"NOT_FOUND"}}}, with the
 * HTTP status of Google's mapping (google/rpc/code.proto): gcloud and the Java REST clients read these fields, and
 * print raw bodies otherwise.
 */
final class GoogleErrorBodies implements UnframedGrpcErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public HttpResponse handle(ServiceRequestContext ctx, Status status, AggregatedHttpResponse response) {
    return of(status.getCode(), status.getDescription() == null ? status.getCode().name() : status.getDescription());
  }

  static HttpResponse of(Status.Code code, String message) {
    int http = httpStatus(code);
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", http);
    error.put("message", message);
    error.put("status", code.name());
    return HttpResponse.of(HttpStatus.valueOf(http), MediaType.JSON_UTF_8, body.toString());
  }

  static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case CANCELLED -> 499;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
    };
  }
}
