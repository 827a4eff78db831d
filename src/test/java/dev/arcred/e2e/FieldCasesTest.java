package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arcred.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every field case of ../shared/cases through the command-line contract (audit --fleet, in this process) and
 * checks its expected.csv and expected-counts.csv, as ../shared/tools/check-cases does.
 */
class FieldCasesTest {
  static final String NOW = "2026-12-01T00:00:00Z";

  @TempDir Path tmp;

  static Path casesDir() {
    return Path.of(System.getProperty("arcred.sharedDir", "../shared")).resolve("cases");
  }

  @TestFactory
  Stream<DynamicTest> everyFieldCase() throws IOException {
    Path cases = casesDir();
    assumeTrue(Files.isDirectory(cases), "no field cases at " + cases.toAbsolutePath() + ": skipped");
    List<Path> dirs;
    try (Stream<Path> s = Files.list(cases)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(dirs).isNotEmpty();
    return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> runCase(dir)));
  }

  private void runCase(Path dir) throws IOException {
    Path out = tmp.resolve(dir.getFileName().toString());
    int exit = Main.run("audit", "--fleet", dir.resolve("fleet.ndjson").toString(), "--now", NOW, "--out", out.toString());
    assertThat(exit).as("exit code").isIn(0, 1);
    Set<String> findings = Reports.findingKeys(out);
    Set<String> audited = Reports.audited(out);
    List<String> problems = new ArrayList<>();
    for (Map<String, String> row : Reports.csv(dir.resolve("expected.csv"))) {
      String repo = row.get("repository");
      String rule = row.get("rule");
      boolean want = row.get("expect").equals("present");
      boolean got = rule.equals("AUDITED") ? audited.contains(repo) : findings.contains(repo + " " + rule);
      if (got != want) {
        problems.add(repo + ": " + rule + " expected " + row.get("expect") + ", was " + (got ? "present" : "absent"));
      }
    }
    Path counts = dir.resolve("expected-counts.csv");
    if (Files.exists(counts)) {
      List<Map<String, String>> rows = Reports.csv(out.resolve("findings.csv"));
      for (Map<String, String> row : Reports.csv(counts)) {
        long n = row.get("rule").equals("AUDITED") ? audited.size()
            : rows.stream().filter(r -> r.get("rule").equals(row.get("rule"))).count();
        if (n != Long.parseLong(row.get("count"))) {
          problems.add("count of " + row.get("rule") + ": expected " + row.get("count") + ", was " + n);
        }
      }
    }
    assertThat(problems).as("field case " + dir.getFileName()).isEmpty();
  }
}
