package dev.arcred.inventory;

import java.util.Optional;

/**
 * Where the clients connect: an emulator on loopback (plaintext, no credentials: never looked up) or Google itself
 * with Application Default Credentials.
 *
 * @param endpoint host:port of an emulator, or empty for Google
 * @param quotaProject sent as x-goog-user-project (live mode with user credentials needs one for Cloud Asset)
 */
public record Connection(Optional<String> endpoint, Optional<String> quotaProject) {
  public static Connection emulator(String endpoint) {
    return new Connection(Optional.of(endpoint), Optional.empty());
  }

  public static Connection emulator(String endpoint, String callingProject) {
    return new Connection(Optional.of(endpoint), Optional.ofNullable(callingProject));
  }

  public static Connection live(String quotaProject) {
    return new Connection(Optional.empty(), Optional.ofNullable(quotaProject));
  }

  public boolean isEmulator() {
    return endpoint.isPresent();
  }
}
