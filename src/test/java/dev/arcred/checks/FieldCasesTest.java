package dev.arcred.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The field cases of ../shared/cases, judged by the catalogue: every row of expected.csv (and expected-counts.csv)
 * holds. The fleet is read by CaseFleet, a stand-in for the inventory.
 */
class FieldCasesTest {
  /** FLEET-FORMAT.md: all cases use this now. */
  private static final AuditSettings SETTINGS = AuditSettings.at(Instant.parse("2026-12-01T00:00:00Z"));
  private static final String AUDITED = "AUDITED";

  @TestFactory
  Stream<DynamicTest> everyExpectationOfEveryCaseHolds() throws IOException {
    String sharedDir = System.getProperty("arcred.sharedDir");
    Path cases = sharedDir == null ? null : Path.of(sharedDir, "cases");
    assumeTrue(cases != null && Files.isDirectory(cases),
        "field cases not found (system property arcred.sharedDir=" + sharedDir + "): not run");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(cases)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("fleet.ndjson"))).sorted().toList()) {
        tests.addAll(caseTests(dir));
      }
    }
    assertThat(tests).as("expectations found").isNotEmpty();
    return tests.stream();
  }

  private static List<DynamicTest> caseTests(Path dir) throws IOException {
    Judge judge = new Judge();
    Map<String, Set<String>> rulesByRepository = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (ChainFacts facts : CaseFleet.npmRemotes(dir.resolve("fleet.ndjson"))) {
      RepositoryResult result = judge.judge(facts, SETTINGS);
      Set<String> rules = new HashSet<>(Set.of(AUDITED));
      for (Finding finding : result.findings()) {
        rules.add(finding.rule());
        counts.merge(finding.rule(), 1, Integer::sum);
      }
      rulesByRepository.put(facts.repository().name(), rules);
    }
    String name = dir.getFileName().toString();
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] row : rows(dir.resolve("expected.csv"))) {
      String repository = row[0];
      String rule = row[1];
      boolean present = row[2].equals("present");
      tests.add(DynamicTest.dynamicTest(name + ": " + repository + " " + rule + " " + row[2], () ->
          assertThat(rulesByRepository.getOrDefault(repository, Set.of()).contains(rule))
              .as("%s %s on %s (judged: %s)", rule, row[2], repository, rulesByRepository.get(repository))
              .isEqualTo(present)));
    }
    Path expectedCounts = dir.resolve("expected-counts.csv");
    if (Files.isRegularFile(expectedCounts)) {
      for (String[] row : rows(expectedCounts)) {
        tests.add(DynamicTest.dynamicTest(name + ": " + row[0] + " count " + row[1], () ->
            assertThat(counts.getOrDefault(row[0], 0)).as(row[0]).isEqualTo(Integer.parseInt(row[1]))));
      }
    }
    return tests;
  }

  /** The rows of a small CSV with a header and no quoted cells. */
  private static List<String[]> rows(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.strip().split(",")).toList();
  }
}
