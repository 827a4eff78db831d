package dev.arcred.model;

import java.time.Duration;
import java.time.Instant;

/** Settings the checks depend on: the clock (fixed by --now) and the expiry warning window. */
public record AuditSettings(Instant now, Duration expiryWarning) {
  public static AuditSettings at(Instant now) {
    return new AuditSettings(now, Duration.ofDays(30));
  }
}
