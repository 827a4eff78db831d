package dev.arcred.cli;

import dev.arcred.inventory.Connection;
import dev.arcred.remediation.RateLimits;
import picocli.CommandLine.Option;

/**
 * Where apply and rollback make their changes: an emulator already running (--endpoint), or Google itself with
 * Application Default Credentials; and how fast (client-side limits from Google's default quotas).
 */
public final class ChangeConnection {
  @Option(names = "--endpoint", paramLabel = "HOST:PORT",
      description = "Change the fleet served by an emulator running there (default: Google, with Application Default"
          + " Credentials).")
  String endpoint;

  @Option(names = "--quota-project", paramLabel = "PROJECT",
      description = "Project charged for quota (sent as x-goog-user-project); needed live with user credentials.")
  String quotaProject;

  @Option(names = "--secret-manager-reads-per-minute", paramLabel = "N", defaultValue = "600",
      description = "Client-side limit (default: ${DEFAULT-VALUE}, Google's default quota).")
  int smReads;

  @Option(names = "--secret-manager-writes-per-minute", paramLabel = "N", defaultValue = "600",
      description = "Client-side limit (default: ${DEFAULT-VALUE}, Google's default quota).")
  int smWrites;

  @Option(names = "--artifact-registry-reads-per-minute", paramLabel = "N", defaultValue = "60000",
      description = "Client-side limit (default: ${DEFAULT-VALUE}, Google's default quota).")
  int arReads;

  @Option(names = "--artifact-registry-writes-per-minute", paramLabel = "N", defaultValue = "18000",
      description = "Client-side limit (default: ${DEFAULT-VALUE}, Google's default quota).")
  int arWrites;

  Connection connection() {
    return endpoint != null ? Connection.emulator(endpoint, quotaProject) : Connection.live(quotaProject);
  }

  String where() {
    return endpoint != null ? "the emulator at " + endpoint : "Google";
  }

  RateLimits.PerMinute limits() {
    return new RateLimits.PerMinute(smReads, smWrites, arReads, arWrites);
  }
}
