package dev.arcred.inventory;

import java.util.Optional;

/**
 * Where the clients connect: an emulator on loopback (plaintext, no credentials: never looked up) or Google itself
 * with Application Default Credentials; and how: gRPC (the default) or REST/JSON.
 *
 * @param endpoint host:port of an emulator, or empty for Google
 * @param quotaProject sent as x-goog-user-project (live mode with user credentials needs one for Cloud Asset)
 * @param transport the clients' wire protocol
 */
public record Connection(Optional<String> endpoint, Optional<String> quotaProject, Transport transport) {
  /** The two transports every Google Cloud Java client offers. */
  public enum Transport { GRPC, REST }

  public Connection {
    if (transport == null) {
      throw new IllegalArgumentException("transport is required");
    }
  }

  public Connection(Optional<String> endpoint, Optional<String> quotaProject) {
    this(endpoint, quotaProject, Transport.GRPC);
  }

  public static Connection emulator(String endpoint) {
    return new Connection(Optional.of(endpoint), Optional.empty());
  }

  public static Connection emulator(String endpoint, String callingProject) {
    return new Connection(Optional.of(endpoint), Optional.ofNullable(callingProject));
  }

  public static Connection live(String quotaProject) {
    return new Connection(Optional.empty(), Optional.ofNullable(quotaProject));
  }

  public Connection withTransport(Transport newTransport) {
    return new Connection(endpoint, quotaProject, newTransport);
  }

  public boolean isEmulator() {
    return endpoint.isPresent();
  }
}
