package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.checks.RuleCatalogue;
import dev.arcred.model.RuleIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job on the bundled demo fleet: every rule fires, the expectations hold, the reports are golden. */
class DemoAuditTest {
  static final String NOW = "2026-12-01T00:00:00Z";
  static final Path GOLDEN = Path.of("src/test/resources/golden/demo");

  @TempDir Path tmp;

  @Test
  void demoFiresEveryRuleButCheckErrorAndMeetsItsExpectations() throws Exception {
    Path out = tmp.resolve("demo");
    InProcess.Run run = CommandLineTest.run("audit", "--demo", "--now", NOW, "--out", out.toString());
    assertThat(run.exit()).isEqualTo(1);
    for (String file : List.of("findings.csv", "repositories.csv", "findings.json", "report.html")) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
    Set<String> expectedRules = RuleCatalogue.ALL.stream().map(r -> r.id())
        .filter(id -> !id.equals(RuleIds.CHECK_ERROR)).collect(Collectors.toSet());
    assertThat(Reports.rules(out)).containsAll(expectedRules).doesNotContain(RuleIds.CHECK_ERROR);

    Set<String> findings = Reports.findingKeys(out);
    Set<String> audited = Reports.audited(out);
    for (Map<String, String> row : Reports.csv(Path.of("app/demo/expected.csv"))) {
      boolean want = row.get("expect").equals("present");
      boolean got = row.get("rule").equals("AUDITED") ? audited.contains(row.get("repository"))
          : findings.contains(row.get("repository") + " " + row.get("rule"));
      assertThat(got).as(row.toString()).isEqualTo(want);
    }
    for (Map<String, String> row : Reports.csv(Path.of("app/demo/expected-counts.csv"))) {
      long n = row.get("rule").equals("AUDITED") ? audited.size()
          : Reports.csv(out.resolve("findings.csv")).stream().filter(r -> r.get("rule").equals(row.get("rule"))).count();
      assertThat(n).as("count of " + row.get("rule")).isEqualTo(Long.parseLong(row.get("count")));
    }
    assertThat(run.out()).contains("Audited " + audited.size() + " repositories");
  }

  /**
   * Golden reports of the demo with a fixed clock, compared byte for byte. Regenerate after an intended change:
   * mvn -o -q -B test -Dtest=DemoAuditTest -Darcred.regenerateGolden=true, then review the diff.
   */
  @Test
  void demoReportsAreGoldenAndReproducible() throws Exception {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    assertThat(CommandLineTest.run("audit", "--demo", "--now", NOW, "--out", first.toString()).exit()).isEqualTo(1);
    assertThat(CommandLineTest.run("audit", "--demo", "--now", NOW, "--out", second.toString()).exit()).isEqualTo(1);
    for (String file : List.of("findings.csv", "repositories.csv", "findings.json", "report.html")) {
      byte[] bytes = Files.readAllBytes(first.resolve(file));
      assertThat(Files.readAllBytes(second.resolve(file))).as("two runs give identical " + file).isEqualTo(bytes);
      Path golden = GOLDEN.resolve(file);
      if (Boolean.getBoolean("arcred.regenerateGolden")) {
        Files.createDirectories(GOLDEN);
        Files.write(golden, bytes);
      }
      assertThat(golden).as("golden %s (regenerate with -Darcred.regenerateGolden=true)", golden).exists();
      assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
          .as("demo " + file + " matches its golden copy").isEqualTo(Files.readString(golden));
    }
  }
}
