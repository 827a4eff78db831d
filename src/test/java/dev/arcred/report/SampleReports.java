package dev.arcred.report;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.Repository;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A small fixed audit: six repositories in three projects, every status, and hostile fleet values (a formula as a
 * username, markup in a reference and an upstream). Results and findings are given out of order on purpose.
 */
final class SampleReports {
  static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
  static final String ORG = "organizations/100000000001";

  static final String OK = "projects/alpha/locations/us-central1/repositories/npm-ok";
  static final String WARN = "projects/alpha/locations/us-central1/repositories/npm-warn";
  static final String FAIL = "projects/beta/locations/europe-west1/repositories/npm-fail";
  static final String UNKNOWN = "projects/beta/locations/europe-west1/repositories/npm-unknown";
  static final String BARE = "projects/gamma/locations/us/repositories/npm-bare";
  static final String XSS = "projects/gamma/locations/us/repositories/npm-xss";

  static final String FORMULA_USERNAME = "=HYPERLINK(\"http://x\")";
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String HOSTILE_UPSTREAM = "https://evil.example/\"><img src=\"https://evil.example/x.png\">";

  private SampleReports() {}

  static AuditReport small() {
    return new AuditReport(ORG, ORG, NOW, List.of(
        RepositoryResult.of(repo("gamma", "300000000003", "us", "npm-xss", HOSTILE_UPSTREAM),
            new Credentials("deploy", SCRIPT),
            List.of(new Finding(XSS, RuleIds.SECRET_REFERENCE_INVALID, Severity.CRITICAL, Link.CREDENTIALS,
                "The reference \"" + SCRIPT + "\" is not projects/{project}/secrets/{secret}/versions/{version}, so"
                    + " the upstream cannot authenticate.",
                "gcloud artifacts repositories update npm-xss --project=gamma --location=us"
                    + " --remote-password-secret-version=projects/gamma/secrets/SECRET/versions/N"))),
        RepositoryResult.of(repo("alpha", "300000000001", "us-central1", "npm-warn", "npmjs"),
            new Credentials("ci-bot", "projects/alpha/secrets/npm-token/versions/latest"),
            List.of(
                new Finding(WARN, RuleIds.SECRET_VERSION_FLOATING, Severity.LOW, Link.VERSION,
                    "The reference projects/alpha/secrets/npm-token/versions/latest uses the alias latest, not a"
                        + " version number.",
                    "gcloud artifacts repositories update npm-warn --project=alpha --location=us-central1"
                        + " --remote-username=ci-bot"
                        + " --remote-password-secret-version=projects/alpha/secrets/npm-token/versions/3"),
                new Finding(WARN, RuleIds.SECRET_EXPIRING, Severity.MEDIUM, Link.SECRET,
                    "The secret projects/300000000001/secrets/npm-token expires at 2026-12-20T00:00:00Z, within 30"
                        + " days.",
                    ""))),
        RepositoryResult.of(repo("alpha", "300000000001", "us-central1", "npm-ok", "npmjs"),
            new Credentials("ci-bot", "projects/alpha/secrets/npm-token/versions/3"), List.of()),
        RepositoryResult.of(repo("beta", "300000000002", "europe-west1", "npm-unknown", "https://npm.example.com"),
            new Credentials("@SUM(A1)", "projects/beta/secrets/tok2/versions/1"),
            List.of(
                new Finding(UNKNOWN, RuleIds.CHECK_ERROR, Severity.HIGH, Link.SECRET,
                    "SecretManagerService.GetSecret projects/beta/secrets/tok2: PERMISSION_DENIED: Permission"
                        + " 'secretmanager.secrets.get' denied,\nsecond line of the server's message",
                    ""),
                new Finding(UNKNOWN, RuleIds.CHECK_ERROR, Severity.HIGH, Link.ACCESS,
                    "AssetService.BatchGetEffectiveIamPolicies projects/beta/secrets/tok2: UNAVAILABLE after 5"
                        + " attempts",
                    ""))),
        RepositoryResult.of(repo("gamma", "300000000003", "us", "npm-bare", "npmjs"), Credentials.NONE,
            List.of(new Finding(BARE, RuleIds.CREDENTIALS_MISSING, Severity.HIGH, Link.CREDENTIALS,
                "Neither a username nor a password secret version is set: npm pulls are anonymous.",
                "gcloud artifacts repositories update npm-bare --project=gamma --location=us"
                    + " --remote-username=USERNAME"
                    + " --remote-password-secret-version=projects/gamma/secrets/SECRET/versions/N"))),
        RepositoryResult.of(repo("beta", "300000000002", "europe-west1", "npm-fail", "npmjs"),
            new Credentials(FORMULA_USERNAME, "projects/beta/secrets/tok/versions/1"),
            List.of(new Finding(FAIL, RuleIds.SERVICE_AGENT_NO_ACCESS, Severity.CRITICAL, Link.ACCESS,
                "No binding gives service-300000000002@gcp-sa-artifactregistry.iam.gserviceaccount.com a role"
                    + " granting secretmanager.versions.access on projects/300000000002/secrets/tok.",
                "gcloud secrets add-iam-policy-binding tok --project=beta"
                    + " --member=serviceAccount:service-300000000002@gcp-sa-artifactregistry.iam.gserviceaccount.com"
                    + " --role=roles/secretmanager.secretAccessor")))));
  }

  /** An audit where everything was read and nothing is wrong. */
  static AuditReport healthy() {
    return new AuditReport("projects/alpha", "", NOW, List.of(
        RepositoryResult.of(repo("alpha", "300000000001", "us-central1", "npm-ok", "npmjs"),
            new Credentials("ci-bot", "projects/alpha/secrets/npm-token/versions/3"), List.of())));
  }

  /**
   * small() as a nightly run sees it: compared with a baseline where npm-fail's finding is old, npm-bare's is
   * gone and a repository no longer audited had one, and with an ignore file that suppresses npm-warn's floating
   * reference and has an expired suppression over npm-xss.
   */
  static AuditReport nightly() {
    dev.arcred.model.Triage.BaselineRun lastNight = new dev.arcred.model.Triage.BaselineRun(
        Instant.parse("2026-12-02T00:00:00Z"), ORG);
    Finding gone = new Finding(GONE, RuleIds.CREDENTIALS_MISSING, Severity.HIGH, Link.CREDENTIALS,
        "Neither a username nor a password secret version is set.", "gcloud artifacts repositories update ...");
    Finding fixed = new Finding(OK, RuleIds.SERVICE_AGENT_NO_ACCESS, Severity.CRITICAL, Link.ACCESS,
        "No binding gives the agent access.", "gcloud secrets add-iam-policy-binding ...");
    AuditReport small = small();
    Finding failing = small.findings().stream().filter(f -> f.repository().equals(FAIL)).findFirst().orElseThrow();
    try {
      return dev.arcred.nightly.Nightly.triage(small,
          dev.arcred.nightly.Baseline.of(lastNight, List.of(failing, gone, fixed)),
          dev.arcred.nightly.Suppressions.parse("arcred-ignore.csv", """
              rule,repository,reason,expires
              SECRET_VERSION_FLOATING,projects/alpha/*,"alpha follows latest, by design (SEC-42)",2027-06-30
              *,projects/gamma/locations/us/repositories/npm-xss,<b>migration</b>,2026-11-30
              """));
    } catch (dev.arcred.nightly.MalformedInput e) {
      throw new IllegalStateException(e);
    }
  }

  static final String GONE = "projects/delta/locations/us/repositories/npm-deleted";

  static Repository repo(String project, String number, String location, String id, String upstream) {
    return new Repository(Repository.name(project, location, id), project, number, location, id, "NPM",
        "REMOTE_REPOSITORY", upstream, List.of("projects/" + number, ORG));
  }
}
