package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arcred.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The demo's report.html in a real browser (Debian's headless Chromium), opened from disk as a person would: the
 * filters narrow the findings table to exactly what they name, the fleet's hostile username shows as text and runs
 * nothing, and a screenshot of the page is saved as target/report-screenshot.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportInBrowserTest {
  static final String NOW = "2026-12-01T00:00:00Z";
  static final String HOSTILE = "<script>alert('demo')</script>";
  static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");

  Path report;
  List<Map<String, String>> findingsCsv;
  Browser browser;

  @BeforeAll
  void auditTheDemoAndStartTheBrowser(@TempDir Path tmp) throws IOException {
    Browser.assumeInstalled();
    Path out = tmp.resolve("demo");
    assertThat(Main.run("audit", "--demo", "--now", NOW, "--out", out.toString())).isEqualTo(1);
    report = out.resolve("report.html");
    findingsCsv = Reports.csv(out.resolve("findings.csv"));
    browser = Browser.start(1400, 1900);
  }

  @AfterAll
  void stopTheBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void openTheReport() {
    browser.open(report);
  }

  @Test
  void filteringByARuleNarrowsTheTableToExactlyThatRulesFindings() {
    Map<String, Long> expected = findingsCsv.stream()
        .collect(Collectors.groupingBy(r -> r.get("rule"), TreeMap::new, Collectors.counting()));
    assertThat(expected).hasSizeGreaterThan(10); // the demo fires every rule but CHECK_ERROR
    assertThat(findingRules()).hasSize(findingsCsv.size());

    for (Map.Entry<String, Long> rule : expected.entrySet()) {
      choose("findings", "rule", rule.getKey());
      List<String> shown = waitFor(this::findingRules, rows -> rows.size() == rule.getValue().intValue());
      assertThat(shown).as("rows shown for " + rule.getKey()).hasSize(rule.getValue().intValue())
          .containsOnly(rule.getKey());
    }
    choose("findings", "rule", "all");
    assertThat(waitFor(this::findingRules, rows -> rows.size() == findingsCsv.size())).hasSize(findingsCsv.size());
  }

  @Test
  void severityProjectAndFreeTextFiltersCombine() {
    long critical = findingsCsv.stream().filter(r -> r.get("severity").equals("CRITICAL")).count();
    choose("findings", "severity", "CRITICAL");
    assertThat(waitFor(this::findingRules, rows -> rows.size() == critical)).hasSize((int) critical);
    assertThat(texts("#findings table.paged tbody tr td:nth-child(3)")).containsOnly("CRITICAL");

    long webDevCritical = findingsCsv.stream()
        .filter(r -> r.get("severity").equals("CRITICAL") && r.get("project").equals("acme-web-dev")).count();
    choose("findings", "project", "acme-web-dev");
    assertThat(waitFor(this::findingRules, rows -> rows.size() == webDevCritical)).hasSize((int) webDevCritical);
    assertThat(texts("#findings table.paged tbody tr td:first-child"))
        .allSatisfy(name -> assertThat(name).startsWith("projects/acme-web-dev/"));

    browser.driver.findElement(By.cssSelector("#findings form.controls button[type=reset]")).click();
    search("findings", "alert('demo')");
    List<String> rows = waitFor(() -> texts("#findings table.paged tbody tr td:first-child"), r -> r.size() == 1);
    assertThat(rows).containsExactly("projects/acme-sandbox-bob/locations/us-central1/repositories/npm-script-test");
    assertThat(browser.driver.findElement(By.cssSelector("#findings .pager .status")).getText())
        .isEqualTo("Rows 1–1 of 1 (filtered from " + findingsCsv.size() + ")");
  }

  @Test
  void aFleetValueHoldingAScriptShowsAsTextAndRunsNothing() {
    // the username is shown, character for character, as the text of a table cell
    Long cells = (Long) browser.js("var want = arguments[0]; return Array.prototype.filter.call("
        + "document.querySelectorAll('td'), function (td) { return td.textContent === want; }).length;", HOSTILE);
    assertThat(cells).isGreaterThanOrEqualTo(1);
    assertThat(browser.driver.getPageSource()).contains("&lt;script&gt;alert('demo')&lt;/script&gt;");
    // the page's own script is the only script element, and no dialog opened or was asked for
    assertThat(browser.js("return document.scripts.length;")).isEqualTo(1L);
    assertThat(browser.js("return document.querySelectorAll('script').length;")).isEqualTo(1L);
    assertThat(browser.js("return window.__arcredDialogs;")).asList().isEmpty();
    assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    // filtering re-inserts rows; still nothing runs
    search("repositories", "alert(");
    waitFor(() -> texts("#repositories table.paged tbody tr td:first-child"), r -> r.size() == 1);
    assertThat(browser.js("return window.__arcredDialogs.length + document.scripts.length;")).isEqualTo(1L);
    // the page's script ran under the policy: nothing was blocked
    assertThat(browser.js("return window.__arcredViolations;")).asList().isEmpty();
  }

  @Test
  void sortingAndPagingWork() {
    WebElement severity = browser.driver.findElement(By.cssSelector("#findings th[data-sort=rank] button"));
    severity.click();
    List<String> ascending = texts("#findings table.paged tbody tr td:nth-child(3)");
    assertThat(ascending.get(0)).isEqualTo("CRITICAL");
    assertThat(ascending.get(ascending.size() - 1)).isEqualTo("LOW");
    severity.click();
    assertThat(texts("#findings table.paged tbody tr td:nth-child(3)").get(0)).isEqualTo("LOW");

    int repositories = ((Long) browser.js("return document.querySelectorAll('#repositories tbody tr').length;"))
        .intValue();
    assertThat(repositories).isEqualTo(73);
    browser.driver.findElement(By.xpath("//section[@id='repositories']//select[@class='size']/option[.='50']"))
        .click();
    assertThat(texts("#repositories table.paged tbody tr td:first-child")).hasSize(50);
    browser.driver.findElement(By.cssSelector("#repositories .pager button.next")).click();
    assertThat(texts("#repositories table.paged tbody tr td:first-child")).hasSize(23);
    assertThat(browser.driver.findElement(By.cssSelector("#repositories .pager .status")).getText())
        .isEqualTo("Rows 51–73 of 73");
  }

  @Test
  void aRuleInTheSummaryFiltersTheFindings() {
    browser.driver.findElement(By.cssSelector("#summary a[data-filter-value=SECRET_VERSION_FLOATING]")).click();
    long floating = findingsCsv.stream().filter(r -> r.get("rule").equals("SECRET_VERSION_FLOATING")).count();
    assertThat(waitFor(this::findingRules, r -> r.size() == floating)).containsOnly("SECRET_VERSION_FLOATING");
  }

  @Test
  void aScreenshotShowsTheSummaryTheChartsAndTheTable() throws IOException {
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 2500));
    browser.open(report);
    Path shot = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(SCREENSHOT)).isGreaterThan(50_000);
    // what the screenshot is meant to show is on the first screen
    for (String id : List.of("summary", "findings")) {
      Long top = (Long) browser.js("return Math.round(document.getElementById(arguments[0]).getBoundingClientRect().top);", id);
      assertThat(top).as(id + " starts on the first screen").isLessThan(1900L);
    }
    assertThat(browser.driver.findElements(By.cssSelector("#summary svg.chart"))).hasSize(2);
  }

  // --- helpers ---

  private List<String> findingRules() {
    return texts("#findings table.paged tbody tr td.rule");
  }

  /** The text of every element matching css, read in one script so that a table being redrawn is never half read. */
  @SuppressWarnings("unchecked")
  private List<String> texts(String css) {
    return (List<String>) browser.js("return Array.prototype.map.call(document.querySelectorAll(arguments[0]),"
        + " function (el) { return el.textContent.trim(); });", css);
  }

  /** Picks an option of a filter by its text, as a person would. */
  private void choose(String section, String filter, String option) {
    browser.driver.findElement(By.xpath("//section[@id='" + section + "']//select[@data-filter='" + filter
        + "']/option[.='" + option + "']")).click();
  }

  private void search(String section, String text) {
    WebElement input = browser.driver.findElement(By.cssSelector("#" + section + " form.controls input[type=search]"));
    input.clear();
    input.sendKeys(text);
  }

  /** The search box waits a moment before filtering; poll until the condition holds (or time out). */
  private static <T> T waitFor(Supplier<T> read, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      Browser.sleep(25);
      value = read.get();
    }
    return value;
  }
}
