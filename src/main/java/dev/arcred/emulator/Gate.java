package dev.arcred.emulator;

import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every call goes through before its service sees it, gRPC and REST alike: it is counted (per method, and per
 * method and targeted project), delayed by the latency in force, charged to the quotas in force (RESOURCE_EXHAUSTED
 * past them), and may be answered with an injected error.
 */
final class Gate implements ServerInterceptor {
  static final Metadata.Key<String> USER_PROJECT =
      Metadata.Key.of("x-goog-user-project", Metadata.ASCII_STRING_MARSHALLER);
  /** The caller charged when a call names no quota project. */
  static final String DEFAULT_CALLER = "default";

  private final FleetState state;
  private final CallCounter calls;
  private final Latency latency;
  private final Latency addedLatency;
  private final QuotaMeter quotas;
  private final Faults faults;
  private final ConcurrentHashMap<String, AtomicLong> seen = new ConcurrentHashMap<>();

  Gate(FleetState state, CallCounter calls, EmulatorOptions options) {
    this.state = state;
    this.calls = calls;
    this.latency = options.latency();
    this.addedLatency = options.faults().latency();
    this.quotas = new QuotaMeter(options.quotas());
    this.faults = options.faults();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    calls.called(method);
    String userProject = headers.get(USER_PROJECT);
    String caller = userProject == null || userProject.isBlank() ? DEFAULT_CALLER : userProject;
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      private boolean refused;

      @Override
      public void onMessage(Q request) {
        Target target = Target.of(state, request);
        calls.targeted(method, target.project());
        sleep(latency.delay(method).plus(addedLatency.delay(method)));
        Status refusal = quotas.charge(method, caller, target);
        if (refusal == null) {
          refusal = injected(method, request);
        }
        if (refusal != null) {
          refused = true;
          call.close(refusal, new Metadata());
          return;
        }
        super.onMessage(request);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
  }

  /** An injected error for this call, or null. The draw depends on the seed, the request and its repetitions. */
  private Status injected(String method, Object request) {
    List<Faults.ErrorRule> rules = faults.errors();
    if (rules.isEmpty()) {
      return null;
    }
    String key = method + "|" + digest(request);
    long repetition = seen.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
    double draw = new SplittableRandom(faults.seed() * 0x9E3779B97F4A7C15L ^ key.hashCode() * 31L + repetition)
        .nextDouble();
    double cumulative = 0;
    for (Faults.ErrorRule rule : rules) {
      if (rule.methods().matches(method)) {
        cumulative += rule.rate();
        if (draw < cumulative) {
          return Status.fromCode(rule.code()).withDescription("Injected by the arcred emulator: " + rule.code()
              + " for " + rule.rate() * 100 + "% of " + rule.methods() + " calls (--faults/--fail)");
        }
      }
    }
    return null;
  }

  private static String digest(Object request) {
    if (!(request instanceof Message m)) {
      return String.valueOf(request);
    }
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(m.toByteArray());
      return Long.toHexString(ByteBuffer.wrap(sha).getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
