package dev.arcred.nightly;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.Repository;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small judged fleets for the nightly tests. */
final class Fleet {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final String WEB = "projects/acme-web-dev/locations/us-central1/repositories/npmjs-proxy";
  static final String WEB2 = "projects/acme-web-staging/locations/us-central1/repositories/npm-username-only";
  static final String DATA = "projects/acme-data-etl/locations/us-central1/repositories/artifactory-npm";
  static final String OK = "projects/acme-web-prod/locations/us-central1/repositories/npmjs-proxy";

  private Fleet() {}

  static Finding noAccess(String repository) {
    return new Finding(repository, RuleIds.SERVICE_AGENT_NO_ACCESS, Severity.CRITICAL, Link.ACCESS,
        "No binding gives the agent access.", "gcloud secrets add-iam-policy-binding ...");
  }

  static Finding floating(String repository) {
    return new Finding(repository, RuleIds.SECRET_VERSION_FLOATING, Severity.LOW, Link.VERSION,
        "The reference uses an alias.", "gcloud artifacts repositories update ...");
  }

  static Finding incomplete(String repository) {
    return new Finding(repository, RuleIds.CREDENTIALS_INCOMPLETE, Severity.HIGH, Link.CREDENTIALS,
        "Only a username is set.", "");
  }

  static Finding checkError(String repository) {
    return new Finding(repository, RuleIds.CHECK_ERROR, Severity.HIGH, Link.SECRET,
        "SecretManagerService.GetSecret: PERMISSION_DENIED", "");
  }

  /** An audit of the repositories named, with the findings given (grouped by repository). */
  static AuditReport audit(List<String> repositories, Finding... findings) {
    Map<String, List<Finding>> byRepository = Arrays.stream(findings)
        .collect(Collectors.groupingBy(Finding::repository));
    return new AuditReport("organizations/510000000001", "organizations/510000000001", NOW,
        repositories.stream().map(name -> RepositoryResult.of(repository(name), new Credentials("ci", null),
            byRepository.getOrDefault(name, List.of()))).toList());
  }

  static Repository repository(String name) {
    String[] parts = name.split("/");
    return new Repository(name, parts[1], "520000000111", parts[3], parts[5], "NPM", "REMOTE_REPOSITORY", "npmjs",
        List.of("projects/520000000111", "folders/511000000021", "organizations/510000000001"));
  }
}
