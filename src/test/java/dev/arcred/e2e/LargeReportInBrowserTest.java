package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.cli.Main;
import dev.arcred.emulator.generate.FleetGenerator;
import dev.arcred.emulator.generate.FleetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a 10,000-repository organization (the fleet generator's, audited through the emulator as users
 * audit) stays usable: its size is bounded (about 1 KB a repository), Chromium loads it from disk and the script has
 * paged the tables within seconds, and a filter answers at once. Prints the figures.
 */
class LargeReportInBrowserTest {
  static final int REPOSITORIES = 10_000;
  /** Generous bounds for a shared 2-core machine; the figures printed are what matters. */
  static final long MAX_BYTES = 16L << 20;
  static final long MAX_LOAD_MILLIS = 30_000;
  static final long MAX_FILTER_MILLIS = 3_000;

  @TempDir Path tmp;

  @Test
  void tenThousandRepositoriesLoadAndFilterWithoutAHang() throws Exception {
    Browser.assumeInstalled();
    long t0 = System.nanoTime();
    Path fleet = tmp.resolve("fleet-10k.ndjson");
    new FleetGenerator(FleetSpec.of(REPOSITORIES)).write(fleet);
    long t1 = System.nanoTime();
    Path out = tmp.resolve("out");
    assertThat(Main.run("audit", "--fleet", fleet.toString(), "--now", "2026-12-01T00:00:00Z", "--out",
        out.toString())).isEqualTo(1);
    long t2 = System.nanoTime();
    Path report = out.resolve("report.html");
    long bytes = Files.size(report);
    int findings = Reports.csv(out.resolve("findings.csv")).size();
    assertThat(bytes).as("report.html size").isLessThan(MAX_BYTES);

    try (Browser browser = Browser.start(1400, 1000)) {
      long start = System.nanoTime();
      browser.open(report);
      long openMillis = (System.nanoTime() - start) / 1_000_000;
      @SuppressWarnings("unchecked")
      Map<String, Object> timing = (Map<String, Object>) browser.js("var t = performance.timing;"
          + " return {parsed: t.domContentLoadedEventEnd - t.navigationStart,"
          + " ready: Number(document.documentElement.getAttribute('data-ready')),"
          + " rows: document.querySelectorAll('tbody tr').length};");
      assertThat(openMillis).as("open until the script is ready").isLessThan(MAX_LOAD_MILLIS);
      // only pages of rows are in the document once the script ran; the summary's tree is not paged
      long pagedRows = (Long) browser.js("return document.querySelectorAll('table.paged tbody tr').length;");
      assertThat(pagedRows).isEqualTo(200); // 100 findings and 100 repositories

      String rule = (String) browser.js("return document.querySelector('#findings select[data-filter=rule]')"
          + ".options[1].value;");
      long ruleCount = Reports.csv(out.resolve("findings.csv")).stream().filter(r -> r.get("rule").equals(rule))
          .count();
      double filterMillis = ((Number) browser.js(
          "var s = document.querySelector('#findings select[data-filter=rule]'); var t = performance.now();"
              + " s.value = arguments[0]; s.dispatchEvent(new Event('change', {bubbles: true}));"
              + " return performance.now() - t;", rule)).doubleValue();
      assertThat(browser.js("return document.querySelector('#findings table.paged').getAttribute('data-matched');"))
          .isEqualTo(String.valueOf(ruleCount));
      double searchMillis = ((Number) browser.js(
          "var s = document.querySelector('#repositories input[type=search]'); var t = performance.now();"
              + " s.value = 'prod'; s.dispatchEvent(new Event('change', {bubbles: true}));"
              + " return performance.now() - t;")).doubleValue();
      assertThat(filterMillis).isLessThan(MAX_FILTER_MILLIS);
      assertThat(searchMillis).isLessThan(MAX_FILTER_MILLIS);
      assertThat(browser.js("return window.__arcredViolations;")).asList().isEmpty();

      System.out.printf("LargeReportInBrowserTest: %,d repositories, %,d findings: report.html %,d bytes"
              + " (%.1f MB); Chromium: DOM parsed %s ms, script ready %s ms, opened (driver.get until ready) %d ms;"
              + " rule filter %.0f ms, text search over the repositories %.0f ms; %s rows in the document"
              + " (generated in %d ms, audited in %d ms)%n",
          REPOSITORIES, findings, bytes, bytes / 1048576.0, timing.get("parsed"), timing.get("ready"), openMillis,
          filterMillis, searchMillis, timing.get("rows"), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
  }
}
