package dev.arcred.emulator;

import com.google.api.HttpRule;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingConflictStrategy;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingOptions;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingQueryParamMatchRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bundled fake Google: Cloud Asset, Artifact Registry (with its locations) and Secret Manager served over gRPC
 * and REST/JSON (Armeria's transcoding of the same services, following their google.api.http rules, with Google's
 * error bodies) on a loopback port, from a {@link FleetState}. Only 127.0.0.1 is ever bound. Every call passes
 * the {@link Gate}: counted, delayed, charged to quotas, perhaps failed on purpose.
 */
public final class Emulator implements AutoCloseable {
  private final Server server;
  private final FleetState state;
  private final CallCounter calls;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final int port;
  private final int restPort;
  private final IamWriter iamWriter;

  private Emulator(Server server, FleetState state, CallCounter calls, EmulatorOptions options, IamWriter writer) {
    this.server = server;
    this.iamWriter = writer;
    this.state = state;
    this.calls = calls;
    List<Integer> ports = server.activePorts().values().stream()
        .map(p -> p.localAddress().getPort()).sorted().toList();
    // Two ports: the one asked for as --port (or the first bound when both are ephemeral) serves as the main one.
    int main = options.port() != 0 ? options.port()
        : options.restPort() > 0 ? ports.stream().filter(p -> p != options.restPort()).findFirst().orElseThrow()
        : ports.get(0);
    this.port = main;
    this.restPort = options.restPort() < 0 ? -1
        : ports.stream().filter(p -> p != main).findFirst().orElse(main);
  }

  /** Starts serving; returns once the ports are bound. */
  public static Emulator start(FleetState state, EmulatorOptions options) {
    CallCounter calls = new CallCounter();
    Denials denials = new Denials(state, options);
    ArtifactRegistryService artifactRegistry = new ArtifactRegistryService(state, denials, options.clock());
    Duration lag = options.faults().assetLag();
    if (!lag.isZero()) {
      state.keepHistory(lag, options.clock());
    }
    GrpcService grpc = GrpcService.builder()
        .addService(new AssetService(state, options.clock(), lag))
        .addService(artifactRegistry)
        .addService(new SecretManagerService(state, denials))
        .addService(new LocationsService(state, artifactRegistry))
        .intercept(new Gate(state, calls, options))
        .useBlockingTaskExecutor(true)
        // protobuf's own JSON mapping, as Google's front ends use: it also takes enums by number ("contentType=1",
        // as the Java REST clients send them), which Armeria's default marshaller silently drops
        .jsonMarshallerFactory(service -> GrpcJsonMarshaller.builderForGson().build())
        .enableHttpJsonTranscoding(HttpJsonTranscodingOptions.builder()
            // gcloud sends query parameters in lowerCamelCase (options.requestedPolicyVersion, updateMask)
            .queryParamMatchRules(HttpJsonTranscodingQueryParamMatchRule.ORIGINAL_FIELD,
                HttpJsonTranscodingQueryParamMatchRule.LOWER_CAMEL_CASE)
            // gcloud lists Artifact Registry's locations through v1beta2: this rule replaces the mixin's own
            .additionalHttpRules(HttpRule.newBuilder()
                .setSelector(LocationsService.SERVICE + ".ListLocations")
                .setGet("/v1/{name=projects/*}/locations")
                .addAdditionalBindings(HttpRule.newBuilder().setGet("/v1beta2/{name=projects/*}/locations"))
                .build())
            .conflictStrategy(HttpJsonTranscodingConflictStrategy.lastWins())
            .errorHandler(new GoogleErrorBodies())
            .build())
        .build();
    ServerBuilder builder = Server.builder()
        .port(new InetSocketAddress(loopback(), options.port()), SessionProtocol.HTTP)
        .service(grpc)
        .gracefulShutdownTimeoutMillis(0, 0);
    if (options.restPort() >= 0) {
      builder.port(new InetSocketAddress(loopback(), options.restPort()), SessionProtocol.HTTP);
    }
    Server server = builder.build();
    server.start().join();
    Duration period = options.faults().iamWriterPeriod();
    IamWriter writer = period.isZero() ? null : new IamWriter(state, period, options.faults().seed());
    return new Emulator(server, state, calls, options, writer);
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The port serving gRPC and REST. */
  public int port() {
    return port;
  }

  /** The second port asked for with a REST port (it serves gRPC too), or -1. */
  public int restPort() {
    return restPort;
  }

  /** {@code http://127.0.0.1:PORT/}: the base URL for REST clients (gcloud's api_endpoint_overrides). */
  public String restUrl() {
    return "http://127.0.0.1:" + (restPort > 0 ? restPort : port) + "/";
  }

  /** {@code 127.0.0.1:PORT}, for {@code Connection.emulator(...)} and {@code --endpoint}. */
  public String endpoint() {
    return "127.0.0.1:" + port();
  }

  public FleetState state() {
    return state;
  }

  public CallCounter calls() {
    return calls;
  }

  /** Policies edited by the concurrent IAM writer so far (0 without one). */
  public long iamWriterEdits() {
    return iamWriter == null ? 0 : iamWriter.edits();
  }

  /** Stops serving (idempotent). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (iamWriter != null) {
        iamWriter.close();
      }
      // Armeria's stop future also waits for Netty's boss threads, which shut down with a fixed 2 s quiet period;
      // the ports are closed and every connection is gone long before, so wait only for that.
      CompletableFuture<Void> stopping = server.stop();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!server.activePorts().isEmpty() && !stopping.isDone() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping.join();
          return;
        }
      }
    }
  }
}
