package dev.arcred.emulator;

import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingOptions;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingQueryParamMatchRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bundled fake Google: Cloud Asset, Artifact Registry and Secret Manager served over gRPC (and HTTP/JSON
 * transcoding) on a loopback port, from a {@link FleetState}. Only 127.0.0.1 is ever bound.
 */
public final class Emulator implements AutoCloseable {
  private final Server server;
  private final FleetState state;
  private final CallCounter calls;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Emulator(Server server, FleetState state, CallCounter calls) {
    this.server = server;
    this.state = state;
    this.calls = calls;
  }

  /** Starts serving; returns once the port is bound. */
  public static Emulator start(FleetState state, EmulatorOptions options) {
    CallCounter calls = new CallCounter();
    Denials denials = new Denials(state, options);
    GrpcService grpc = GrpcService.builder()
        .addService(new AssetService(state, options.clock()))
        .addService(new ArtifactRegistryService(state, denials, options.clock()))
        .addService(new SecretManagerService(state, denials))
        .intercept(calls)
        .useBlockingTaskExecutor(true)
        // gcloud sends query parameters in lowerCamelCase (options.requestedPolicyVersion, updateMask)
        .enableHttpJsonTranscoding(HttpJsonTranscodingOptions.builder()
            .queryParamMatchRules(HttpJsonTranscodingQueryParamMatchRule.ORIGINAL_FIELD,
                HttpJsonTranscodingQueryParamMatchRule.LOWER_CAMEL_CASE)
            .build())
        .build();
    Server server = Server.builder()
        .port(new InetSocketAddress(loopback(), options.port()), SessionProtocol.HTTP)
        .service(grpc)
        .gracefulShutdownTimeoutMillis(0, 1000)
        .build();
    server.start().join();
    return new Emulator(server, state, calls);
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.activeLocalPort(SessionProtocol.HTTP);
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

  /** Stops serving (idempotent). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop().join();
    }
  }
}
