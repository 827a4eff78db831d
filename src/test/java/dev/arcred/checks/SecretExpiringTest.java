package dev.arcred.checks;

import static dev.arcred.checks.Field.NOW;
import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.npmToken;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretExpiringTest {
  private final Rule rule = new SecretExpiring();

  private static Field.Remote expiringAt(Instant at) {
    return healthy().secret(npmToken().expires(at));
  }

  @Test
  void expiresWithinTheWindow() {
    Finding finding = only(rule, expiringAt(Instant.parse("2026-12-11T00:00:00Z")).facts());
    assertThat(finding.link()).isEqualTo(Link.SECRET);
    assertThat(finding.detail()).startsWith("Secret projects/team-a/secrets/npm-token expires at 2026-12-11T00:00:00Z,"
        + " in 10 days (the warning window is 30 days)");
    assertThat(finding.fix()).isEqualTo("gcloud secrets update npm-token --project=team-a --remove-expiration");
  }

  @Test
  void theWindowsEdgeIsIn() {
    Instant edge = NOW.plus(Duration.ofDays(30));
    assertThat(findings(rule, expiringAt(edge).facts())).hasSize(1);
    assertThat(findings(rule, expiringAt(edge.plusSeconds(1)).facts())).isEmpty();
  }

  @Test
  void alreadyExpired() {
    assertThat(only(rule, expiringAt(NOW.minusSeconds(60)).facts()).detail())
        .startsWith("Secret projects/team-a/secrets/npm-token expired at 2026-11-30T23:59:00Z:");
  }

  @Test
  void theWindowComesFromTheSettings() {
    var facts = expiringAt(Instant.parse("2026-12-11T00:00:00Z")).facts();
    assertThat(rule.check(facts, new AuditSettings(NOW, Duration.ofDays(7)))).isEmpty();
    assertThat(rule.check(facts, new AuditSettings(NOW, Duration.ofDays(10)))).hasSize(1);
  }

  @Test
  void notReportedWithoutExpiryOrWithoutTheSecret() {
    assertThat(findings(rule, healthy().facts())).isEmpty();
    assertThat(findings(rule, expiringAt(NOW.plus(Duration.ofDays(31))).facts())).isEmpty();
    assertThat(findings(rule, expiringAt(NOW).reference("projects/team-a/secrets/npm-token").facts())).isEmpty();
  }
}
