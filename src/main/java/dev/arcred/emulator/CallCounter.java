package dev.arcred.emulator;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls the emulator receives, per full gRPC method name (for example
 * {@code google.cloud.secretmanager.v1.SecretManagerService/AccessSecretVersion}), whatever their outcome.
 */
public final class CallCounter implements ServerInterceptor {
  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    counts.computeIfAbsent(call.getMethodDescriptor().getFullMethodName(), m -> new LongAdder()).increment();
    return next.startCall(call, headers);
  }

  /** Calls of one method so far. */
  public long count(String fullMethodName) {
    LongAdder n = counts.get(fullMethodName);
    return n == null ? 0 : n.sum();
  }

  /** Calls per method, sorted by method name; methods never called are absent. */
  public Map<String, Long> snapshot() {
    Map<String, Long> result = new TreeMap<>();
    counts.forEach((method, n) -> {
      long sum = n.sum();
      if (sum > 0) {
        result.put(method, sum);
      }
    });
    return result;
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public void reset() {
    counts.clear();
  }
}
