package dev.arcred.emulator;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Google's status codes, with messages in the spirit of Google's, and the one way a unary call is answered. */
final class Errors {
  private Errors() {}

  static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException notFound(String message) {
    return Status.NOT_FOUND.withDescription(message).asRuntimeException();
  }

  /** What Google says when IAM refuses: it never tells whether the resource exists. */
  static StatusRuntimeException denied(String permission, String resource) {
    return Status.PERMISSION_DENIED.withDescription(
        "Permission '" + permission + "' denied for resource '" + resource + "' (or it may not exist).")
        .asRuntimeException();
  }

  static StatusRuntimeException unimplemented(String message) {
    return Status.UNIMPLEMENTED.withDescription(message + " (not emulated)").asRuntimeException();
  }

  static StatusRuntimeException failedPrecondition(String message) {
    return Status.FAILED_PRECONDITION.withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException aborted(String message) {
    return Status.ABORTED.withDescription(message).asRuntimeException();
  }

  /** Answers a unary call with the body's result, or with its status; a bug is INTERNAL, never a hang. */
  static <T> void answer(StreamObserver<T> observer, Supplier<T> body) {
    T response;
    try {
      response = body.get();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    } catch (RuntimeException e) {
      observer.onError(Status.INTERNAL.withDescription("emulator bug: " + e).withCause(e).asRuntimeException());
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }
}
