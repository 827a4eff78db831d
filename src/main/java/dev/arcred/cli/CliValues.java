package dev.arcred.cli;

import dev.arcred.inventory.Scope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Option values shared by the commands that audit: the clock, the formats, the scope. Bad ones throw with the flag. */
final class CliValues {
  private CliValues() {}

  /** --now, or the wall clock to the second. */
  static Instant clock(String now) {
    if (now == null) {
      return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
    try {
      return OffsetDateTime.parse(now).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--now: not an RFC 3339 time: '" + now + "' (e.g. 2026-12-01T00:00:00Z)");
    }
  }

  /** --formats as Artifact Registry's format names (NPM, MAVEN, ...). */
  static Set<String> formats(String[] formats) {
    Set<String> set = new LinkedHashSet<>();
    for (String f : formats) {
      String format = f.strip().toUpperCase(Locale.ROOT);
      if (!format.matches("[A-Z_]+")) {
        throw new IllegalArgumentException("--formats: not a format: '" + f + "'");
      }
      set.add(format);
    }
    return set;
  }

  /** --org, --folder or --project; null when none was given. */
  static Scope scope(AuditCommand.ScopeOptions scope) {
    if (scope.org != null) {
      return Scope.organization(scope.org);
    }
    if (scope.folder != null) {
      return Scope.folder(scope.folder);
    }
    if (scope.project != null) {
      return Scope.project(scope.project);
    }
    return null;
  }
}
