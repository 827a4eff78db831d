package dev.arcred.cli;

import dev.arcred.inventory.RateLimits;
import dev.arcred.model.AuditSettings;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of every command that audits (audit, plan): the clock, the formats, the pace. */
public final class AuditOptions {
  @Option(names = "--now", paramLabel = "RFC3339", description = "Fix the clock, e.g. 2026-12-01T00:00:00Z (reproducible runs).")
  String now;

  @Option(names = "--formats", paramLabel = "LIST", defaultValue = "npm", split = ",",
      description = "Remote repository formats to audit (default: ${DEFAULT-VALUE}); e.g. npm,maven,python,docker.")
  String[] formats;

  @Option(names = "--expiry-warning-days", paramLabel = "DAYS", defaultValue = "30",
      description = "Report SECRET_EXPIRING this many days ahead (default: ${DEFAULT-VALUE}).")
  int expiryWarningDays;

  @Option(names = "--quota-project", paramLabel = "PROJECT",
      description = "Project charged for quota (sent as x-goog-user-project); needed live with user credentials.")
  String quotaProject;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8", description = "Concurrent API calls (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--no-rate-limits",
      description = "Do not hold calls to Google's default quotas on the client side (for raised quotas).")
  boolean noRateLimits;

  /** The checks' settings; throws IllegalArgumentException naming the flag when --now is not a time. */
  AuditSettings settings() {
    return new AuditSettings(CliValues.clock(now), Duration.ofDays(expiryWarningDays));
  }

  Set<String> formatSet() {
    return CliValues.formats(formats);
  }

  RateLimits rateLimits() {
    return noRateLimits ? RateLimits.none() : RateLimits.google();
  }
}
