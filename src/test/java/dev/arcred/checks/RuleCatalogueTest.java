package dev.arcred.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every rule has a distinct ID of RuleIds and RULES.md, RULES.md's severity, a summary, a doc page and a test. */
class RuleCatalogueTest {
  private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| ([A-Z]+) \\|", Pattern.MULTILINE);
  /** Reserved for the reports work (RULES.md): not a check of the chain. */
  private static final List<String> NOT_CHECKS = List.of(RuleIds.SUPPRESSION_EXPIRED);

  private static List<String> ids() {
    return RuleCatalogue.ALL.stream().map(Rule::id).toList();
  }

  @Test
  void idsAreDistinctAndAreTheRuleIdsConstants() throws IllegalAccessException {
    assertThat(ids()).doesNotHaveDuplicates();
    List<String> constants = new ArrayList<>();
    for (Field field : RuleIds.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        constants.add((String) field.get(null));
      }
    }
    constants.removeAll(NOT_CHECKS);
    assertThat(ids()).containsExactlyInAnyOrderElementsOf(constants);
  }

  @Test
  void theCatalogueIsRulesMdsTableInItsOrderWithItsSeverities() throws IOException {
    String sharedDir = System.getProperty("arcred.sharedDir");
    Path rulesMd = sharedDir == null ? null : Path.of(sharedDir, "RULES.md");
    assumeTrue(rulesMd != null && Files.isRegularFile(rulesMd),
        "RULES.md not found (system property arcred.sharedDir=" + sharedDir + "): not compared");
    Map<String, Severity> table = new LinkedHashMap<>();
    Matcher row = TABLE_ROW.matcher(Files.readString(rulesMd));
    while (row.find()) {
      table.put(row.group(1), Severity.valueOf(row.group(2)));
    }
    assertThat(table).as("rows of RULES.md's table").isNotEmpty();
    assertThat(ids()).containsExactlyElementsOf(table.keySet());
    for (Rule rule : RuleCatalogue.ALL) {
      assertThat(rule.severity()).as(rule.id()).isEqualTo(table.get(rule.id()));
    }
  }

  @Test
  void everyRuleHasASummaryADocAndATest() throws IOException {
    for (Rule rule : RuleCatalogue.ALL) {
      assertThat(rule.summary()).as(rule.id()).isNotBlank().doesNotContain("\n");
      Path doc = Path.of("docs", "rules", rule.id() + ".md");
      assertThat(doc).as("doc of " + rule.id()).isRegularFile();
      assertThat(Files.readAllLines(doc).get(0)).isEqualTo("# " + rule.id());
      String test = rule.getClass().getName() + "Test";
      assertThat(classExists(test)).as(test).isTrue();
    }
  }

  @Test
  void ruleClassesReadAsTheirIds() {
    // CredentialsMissing for CREDENTIALS_MISSING: the name read as words is the ID
    for (Rule rule : RuleCatalogue.ALL) {
      String words = String.join("_", Arrays.stream(rule.getClass().getSimpleName().split("(?=[A-Z])"))
          .map(String::toUpperCase).toList());
      assertThat(words).as(rule.getClass().getSimpleName()).isEqualTo(rule.id());
    }
  }

  private static boolean classExists(String name) {
    try {
      Class.forName(name);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
