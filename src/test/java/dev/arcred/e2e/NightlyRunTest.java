package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly job on the demo, through the command line: last night's run is the baseline, a fix made during the
 * day shows as RESOLVED, nothing is NEW, and --fail-on new exits 0; suppressions and bad files end to end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyRunTest {
  static final String NOW = "2026-12-01T00:00:00Z";
  static final String TOMORROW = "2026-12-02T00:00:00Z";
  static final String SECRET = "//secretmanager.googleapis.com/projects/520000000100/secrets/npm-token";
  /** The acme-data-dashboards agent, which npm-token's policy forgot (app/demo/README.md). */
  static final String AGENT = "serviceAccount:service-520000000133@gcp-sa-artifactregistry.iam.gserviceaccount.com";
  static final String FIXED = "projects/acme-data-dashboards/locations/us-central1/repositories/npmjs-proxy";
  static final ObjectMapper MAPPER = new ObjectMapper();

  Path tmp;
  Path lastNight;

  @BeforeAll
  void auditTheDemoLastNight(@TempDir Path tmp) {
    this.tmp = tmp;
    lastNight = tmp.resolve("last-night");
    assertThat(CommandLineTest.run("audit", "--demo", "--now", NOW, "--out", lastNight.toString()).exit())
        .isEqualTo(1);
  }

  @Test
  void aFixedLinkIsResolvedNothingIsNewAndFailOnNewExits0() throws IOException {
    Path fleet = fixedDemoFleet(tmp.resolve("fixed.ndjson"));
    Path tonight = tmp.resolve("tonight");

    InProcess.Run run = CommandLineTest.run("audit", "--fleet", fleet.toString(), "--now", TOMORROW,
        "--baseline", lastNight.toString(), "--fail-on", "new", "--out", tonight.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    List<Map<String, String>> rows = Reports.csv(tonight.resolve("findings.csv"));
    Set<String> before = Reports.findingKeys(lastNight);
    assertThat(rows).extracting(r -> r.get("change")).doesNotContain("NEW", "");
    List<String> resolved = rows.stream().filter(r -> r.get("change").equals("RESOLVED"))
        .map(r -> r.get("repository") + " " + r.get("rule")).toList();
    assertThat(resolved).contains(FIXED + " SERVICE_AGENT_NO_ACCESS");
    Set<String> now = rows.stream().filter(r -> !r.get("change").equals("RESOLVED"))
        .map(r -> r.get("repository") + " " + r.get("rule")).collect(Collectors.toSet());
    // every finding of last night is either still there (PERSISTING) or RESOLVED, and nothing else is listed
    assertThat(now).allMatch(before::contains);
    assertThat(resolved).containsExactlyInAnyOrderElementsOf(
        before.stream().filter(k -> !now.contains(k)).sorted().toList());
    assertThat(run.out()).contains("Since the baseline: 0 NEW, " + now.size() + " PERSISTING, " + resolved.size()
        + " RESOLVED.").contains("Counted for the exit code (--fail-on new): 0.");

    JsonNode json = MAPPER.readTree(tonight.resolve("findings.json").toFile());
    assertThat(json.get("baseline").get("generatedAt").textValue()).isEqualTo(NOW);
    assertThat(json.get("summary").get("byChange").get("NEW").intValue()).isZero();
    assertThat(json.get("summary").get("byChange").get("RESOLVED").intValue()).isEqualTo(resolved.size());
    assertThat(json.get("summary").get("findings").intValue()).isEqualTo(now.size());
    assertThat(Files.readString(tonight.resolve("report.html")))
        .contains("<dt>Compared with</dt><dd>the audit of <time datetime=\"" + NOW + "\">");

    // the same fix, judged with the default --fail-on: the findings left still exit 1
    assertThat(CommandLineTest.run("audit", "--fleet", fleet.toString(), "--now", TOMORROW, "--baseline",
        lastNight.resolve("findings.json").toString(), "--out", tmp.resolve("default").toString()).exit())
        .isEqualTo(1);
  }

  @Test
  void theFirstNightWithoutABaselineFileMarksEverythingNewAndFailsOnNew() throws IOException {
    Path out = tmp.resolve("first-night");
    InProcess.Run run = CommandLineTest.run("audit", "--demo", "--now", NOW, "--baseline", out.toString(),
        "--fail-on", "new", "--out", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no findings.json at " + out + " yet: every finding is NEW");
    assertThat(Reports.csv(out.resolve("findings.csv"))).extracting(r -> r.get("change")).containsOnly("NEW");

    // the next night reads the same folder as its baseline and writes over it: nothing new
    InProcess.Run next = CommandLineTest.run("audit", "--demo", "--now", TOMORROW, "--baseline",
        out.toString(), "--fail-on", "new", "--out", out.toString());
    assertThat(next.exit()).isZero();
    assertThat(Reports.csv(out.resolve("findings.csv"))).extracting(r -> r.get("change")).containsOnly("PERSISTING");
  }

  @Test
  void suppressionsAreListedNotCountedAndAnExpiredOneIsReported() throws IOException {
    Path ignore = Files.writeString(tmp.resolve("arcred-ignore.csv"), """
        # accepted by the platform team
        rule,repository,reason,expires
        *,*,"everything is accepted, for this test",2027-01-31
        SECRET_VERSION_FLOATING,projects/acme-web-staging/*,staging follows latest,2026-11-30
        """);
    Path out = tmp.resolve("suppressed");

    InProcess.Run run = CommandLineTest.run("audit", "--demo", "--now", NOW, "--ignore", ignore.toString(),
        "--out", out.toString());

    List<Map<String, String>> rows = Reports.csv(out.resolve("findings.csv"));
    List<Map<String, String>> expired = rows.stream().filter(r -> r.get("rule").equals("SUPPRESSION_EXPIRED"))
        .toList();
    assertThat(expired).extracting(r -> r.get("repository"), r -> r.get("severity"), r -> r.get("suppressed"))
        .containsExactly(org.assertj.core.api.Assertions.tuple(
            "projects/acme-web-staging/locations/asia-east1/repositories/npmjs-proxy", "LOW", ""));
    assertThat(expired.get(0).get("detail")).contains("arcred-ignore.csv:4").contains("expired on 2026-11-30");
    assertThat(rows.stream().filter(r -> !r.get("rule").equals("SUPPRESSION_EXPIRED")))
        .allSatisfy(r -> assertThat(r.get("suppressed")).isEqualTo("everything is accepted, for this test"));
    // only the SUPPRESSION_EXPIRED finding counts: exit 1; with --fail-on MEDIUM, it does not: exit 0
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("Counted for the exit code (--fail-on LOW): 1.");
    assertThat(CommandLineTest.run("audit", "--demo", "--now", NOW, "--ignore", ignore.toString(), "--fail-on",
        "medium", "--out", tmp.resolve("medium").toString()).exit()).isZero();
  }

  @Test
  void anIncompleteAuditExits3WhateverFailOnAndSuppressionsSay() throws IOException {
    Path ignore = Files.writeString(tmp.resolve("all.csv"), "rule,repository,reason,expires\n*,*,all,2027-01-31\n");
    Path out = tmp.resolve("incomplete");

    InProcess.Run run = CommandLineTest.run("audit", "--demo", "--now", NOW, "--deny-project", "acme-web-dev",
        "--ignore", ignore.toString(), "--fail-on", "critical", "--baseline", lastNight.toString(), "--out",
        out.toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(3);
    assertThat(Reports.csv(out.resolve("findings.csv")))
        .filteredOn(r -> r.get("rule").equals("CHECK_ERROR")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("suppressed")).isEmpty()); // CHECK_ERROR is never suppressed
  }

  @Test
  void badNightlyInputExits2NamingFileAndLineAndWritesNothing() throws IOException {
    Path ignore = Files.writeString(tmp.resolve("bad-ignore.csv"),
        "rule,repository,reason,expires\nSECRET_PUBLIC,*,fine,2027-01-01\nSECRET_SPOOKY,*,typo,2027-01-01\n");
    Path out = tmp.resolve("never");

    InProcess.Run run = CommandLineTest.run("audit", "--demo", "--ignore", ignore.toString(), "--out",
        out.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(ignore + ":3: unknown rule 'SECRET_SPOOKY'").doesNotContain("Exception");

    Path notJson = Files.writeString(tmp.resolve("findings.json"), "not json");
    InProcess.Run badBaseline = CommandLineTest.run("audit", "--demo", "--baseline", notJson.toString(),
        "--out", out.toString());
    assertThat(badBaseline.exit()).isEqualTo(2);
    assertThat(badBaseline.err()).contains("the baseline " + notJson + " is not JSON");

    InProcess.Run badFailOn = CommandLineTest.run("audit", "--demo", "--fail-on", "sometimes", "--out",
        out.toString());
    assertThat(badFailOn.exit()).isEqualTo(2);
    assertThat(badFailOn.err()).contains("'sometimes' is not CRITICAL, HIGH, MEDIUM, LOW or new");

    InProcess.Run newWithoutBaseline = CommandLineTest.run("audit", "--demo", "--fail-on", "new", "--out",
        out.toString());
    assertThat(newWithoutBaseline.exit()).isEqualTo(2);
    assertThat(newWithoutBaseline.err()).contains("--fail-on new needs --baseline");
    assertThat(out).doesNotExist();
  }

  /** The demo fleet with the acme-data-dashboards agent added to npm-token's Secret Accessor binding. */
  static Path fixedDemoFleet(Path target) throws IOException {
    List<String> lines = new ArrayList<>();
    int fixed = 0;
    for (String line : Files.readAllLines(Path.of("app/demo-fleet.ndjson"))) {
      JsonNode asset = line.isBlank() ? null : MAPPER.readTree(line);
      if (asset != null && SECRET.equals(asset.path("name").asText()) && asset.has("iamPolicy")) {
        for (JsonNode binding : asset.get("iamPolicy").get("bindings")) {
          if (binding.get("role").asText().equals("roles/secretmanager.secretAccessor")) {
            ((ArrayNode) binding.get("members")).add(AGENT);
            fixed++;
          }
        }
        line = MAPPER.writeValueAsString((ObjectNode) asset);
      }
      lines.add(line);
    }
    assertThat(fixed).as("the binding to fix").isEqualTo(1);
    return Files.write(target, lines);
  }
}
