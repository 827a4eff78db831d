package dev.arcred.cli;

import dev.arcred.inventory.Connection;
import dev.arcred.inventory.RateLimits;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
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

  @Option(names = "--no-rate-limits",
      description = "Do not hold calls to Google's default quotas on the client side (for raised quotas).")
  boolean noRateLimits;

  /** Google's default quotas with these overrides (a minute each), or none. */
  RateLimits limits() {
    if (noRateLimits) {
      return RateLimits.none();
    }
    Map<RateLimits.Quota, Integer> perMinute = new EnumMap<>(RateLimits.Quota.class);
    for (RateLimits.Quota q : RateLimits.Quota.values()) {
      perMinute.put(q, q.perMinute());
    }
    perMinute.put(RateLimits.Quota.SECRET_MANAGER_READ, positive(smReads, "--secret-manager-reads-per-minute"));
    perMinute.put(RateLimits.Quota.SECRET_MANAGER_WRITE, positive(smWrites, "--secret-manager-writes-per-minute"));
    perMinute.put(RateLimits.Quota.ARTIFACT_REGISTRY_READ, positive(arReads, "--artifact-registry-reads-per-minute"));
    perMinute.put(RateLimits.Quota.ARTIFACT_REGISTRY_WRITE,
        positive(arWrites, "--artifact-registry-writes-per-minute"));
    return new RateLimits(perMinute, Duration.ofMinutes(1));
  }

  private static int positive(int value, String option) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1");
    }
    return value;
  }
}
