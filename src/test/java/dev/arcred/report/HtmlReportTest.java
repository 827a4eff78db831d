package dev.arcred.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** report.html from the real templates in report-templates/. */
class HtmlReportTest {
  static final Path TEMPLATES = Path.of("report-templates");

  static String html(AuditReport report) throws IOException {
    return new String(new HtmlReport(TEMPLATES).render(report, ReportSummary.of(report)), StandardCharsets.UTF_8);
  }

  /** The part of the page between the opening tag of section id and the next section's. */
  static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertThat(start).as("section " + id).isNotNegative();
    int end = html.indexOf("</section>", start);
    return html.substring(start, end);
  }

  @Test
  void fleetValuesAreEscaped() throws IOException {
    String html = html(SampleReports.small());

    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert")
        .doesNotContain("<img");
    // the page's own script, once, at the end of the body; no other script element
    assertThat(Pattern.compile("(?i)<script").matcher(html).results().count()).isEqualTo(1);
    assertThat(html).contains("<script>/* arcred report:").containsOnlyOnce("})();\n</script>\n</body>");
    assertThat(html)
        .contains("=HYPERLINK(&quot;http://x&quot;)")
        .contains("https://evil.example/&quot;&gt;&lt;img src=&quot;https://evil.example/x.png&quot;&gt;");
  }

  @Test
  void theSelfContainedPageLoadsNothingFromAnywhere() throws IOException {
    String html = html(SampleReports.small());

    Matcher remote = Pattern.compile("(?i)(src|href|action|srcset|xlink:href)\\s*=\\s*[\"']?\\s*(https?:)?//")
        .matcher(html);
    assertThat(remote.find()).as("a remote reference: %s", remote.hitEnd() ? "" : remote.group()).isFalse();
    assertThat(html).doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("@import")
        .doesNotContainIgnoringCase("url(")
        .doesNotContainIgnoringCase("<iframe")
        .contains("<style>")
        .containsPattern("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/]{43}='\">");
    // in-page anchors are the only links
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    while (href.find()) {
      assertThat(href.group(1)).startsWith("#");
    }
  }

  @Test
  void theHeaderShowsScopeOrganizationAndGenerationTime() throws IOException {
    String html = html(SampleReports.small());

    assertThat(html).contains("<title>arcred audit: organizations/100000000001</title>")
        .contains("<dt>Scope</dt><dd>organizations/100000000001</dd>")
        .contains("<dt>Organization</dt><dd>organizations/100000000001</dd>")
        .contains("<time datetime=\"2026-12-03T00:00:00Z\">2026-12-03T00:00:00Z</time>");
  }

  @Test
  void everyFindingHasARowWithItsRepositoryRuleSeverityDetailAndFix() throws IOException {
    AuditReport report = SampleReports.small();
    List<String> rows = rows(section(html(report), "findings"));

    assertThat(rows).hasSize(report.findings().size());
    for (int i = 0; i < rows.size(); i++) {
      Finding finding = FindingRow.of(report).get(i).finding();
      assertThat(rows.get(i))
          .contains("<td class=\"name\">" + finding.repository() + "</td>")
          .contains("<td class=\"rule\">" + finding.rule() + "</td>")
          .contains(">" + finding.severity().name() + "</span>")
          .contains("<div class=\"detail\">" + escaped(finding.detail()) + "</div>");
      if (!finding.fix().isEmpty()) {
        assertThat(rows.get(i)).contains("<code class=\"fix\">" + finding.fix() + "</code>");
      } else {
        assertThat(rows.get(i)).contains("Fix: none, a person must decide.").doesNotContain("<code");
      }
    }
  }

  @Test
  void theChainOfFourLinksMarksTheBrokenOne() throws IOException {
    String row = rows(section(html(SampleReports.small()), "findings")).get(2); // SERVICE_AGENT_NO_ACCESS

    assertThat(row).contains("SERVICE_AGENT_NO_ACCESS");
    String chain = row.substring(row.indexOf("<td class=\"chain\">"), row.indexOf("</td>", row.indexOf("chain")));
    assertThat(chain.replaceAll("<[^>]+>", "")).isEqualTo("credentials → secret → version → ✗ access");
    assertThat(chain).containsOnlyOnce("<mark class=\"broken\"")
        .contains("<mark class=\"broken\" title=\"broken: the service agent&#39;s read access\">✗ access</mark>");
  }

  @Test
  void theCoverageSectionListsWhatCouldNotBeRead() throws IOException {
    String html = html(SampleReports.small());
    String coverage = section(html, "coverage");

    assertThat(html).contains("<strong>Incomplete audit.</strong> 1 of 6 repositories could not be fully read");
    assertThat(rows(coverage)).hasSize(2);
    assertThat(coverage)
        .contains("SecretManagerService.GetSecret projects/beta/secrets/tok2: PERMISSION_DENIED")
        .contains("AssetService.BatchGetEffectiveIamPolicies projects/beta/secrets/tok2: UNAVAILABLE after 5")
        .contains("(2 CHECK_ERROR findings)")
        .doesNotContain("Every link of every audited repository was read");
  }

  @Test
  void aCompleteAuditSaysSo() throws IOException {
    String html = html(SampleReports.healthy());

    assertThat(html).contains("Complete audit: every link of every audited repository was read.")
        .doesNotContain("Incomplete audit")
        .contains("<dt>Organization</dt><dd><span class=\"muted\">unknown</span></dd>");
    assertThat(section(html, "coverage")).contains("no CHECK_ERROR");
    assertThat(section(html, "findings")).contains("<p>No findings.</p>");
  }

  @Test
  void theSummaryCountsByStatusSeverityRuleAndProject() throws IOException {
    String summary = section(html(SampleReports.small()), "summary");

    assertThat(summary)
        .contains("<span class=\"badge status-fail\">FAIL</span></td><td class=\"num\">3</td>")
        .contains("<span class=\"badge status-unknown\">UNKNOWN</span></td><td class=\"num\">1</td>")
        .contains("<tr><td><a href=\"#findings\" data-filter-name=\"rule\" data-filter-value=\"CHECK_ERROR\">"
            + "CHECK_ERROR</a></td><td><span class=\"badge sev-high\">HIGH</span></td><td class=\"num\">2</td>")
        .contains("<div class=\"tile t-fail\"><div class=\"n\">3</div><div class=\"l\">FAIL</div></div>")
        .contains("<div class=\"tile\"><div class=\"n\">7</div><div class=\"l\">findings</div></div>");
    // the breakdown: the organization, then its projects (SampleReports has no folder)
    assertThat(rows(summary.substring(summary.indexOf("<table class=\"tree\">"))))
        .extracting(HtmlReportTest::cellText)
        .containsExactly("organizations/100000000001 6 1 1 3 1 7", "alpha 2 1 1 0 0 2", "beta 2 0 0 1 1 3",
            "gamma 2 0 0 2 0 2");
    // the stacked bar of statuses fills 320 px: FAIL is 3 of 6
    assertThat(summary).contains("<rect class=\"seg-fail\" x=\"107\" y=\"0\" width=\"160\" height=\"30\">"
        + "<title>FAIL: 3</title></rect>");
    // the chart: HIGH (3) is the longest bar, CRITICAL (2) two thirds of it
    assertThat(summary).contains("<rect class=\"bar-high\" x=\"80\" y=\"28\" width=\"" + HtmlReport.CHART_WIDTH + "\"")
        .contains("<rect class=\"bar-critical\" x=\"80\" y=\"4\" width=\"120\"")
        .contains("<text x=\"" + (HtmlReport.CHART_WIDTH + 86) + "\" y=\"40\">3</text>");
  }

  @Test
  void everyRepositoryIsListedWithItsStatus() throws IOException {
    AuditReport report = SampleReports.small();
    List<String> rows = rows(section(html(report), "repositories"));

    assertThat(rows).hasSize(report.results().size());
    for (int i = 0; i < rows.size(); i++) {
      RepositoryResult result = report.results().get(i);
      assertThat(rows.get(i)).contains("<td class=\"name\">" + result.repository().name() + "</td>")
          .contains("<span class=\"badge status-" + result.status().name().toLowerCase() + "\">"
              + result.status().name() + "</span>");
    }
  }

  @Test
  void theBreakdownNestsFoldersAndCountsEveryRepositoryBelowThem() throws IOException {
    AuditReport report = new AuditReport("organizations/1", "organizations/1", SampleReports.NOW, List.of(
        RepositoryResult.of(inFolders("p1", "folders/20", "folders/10"), null, List.of()),
        RepositoryResult.of(inFolders("p2", "folders/10"), null, List.of()),
        RepositoryResult.of(inFolders("p3"), null, List.of())));
    String summary = section(html(report), "summary");

    assertThat(rows(summary.substring(summary.indexOf("<table class=\"tree\">"))))
        .extracting(row -> cellText(row) + " "
            + row.substring(row.indexOf("class=\"d") + 7, row.indexOf("class=\"d") + 9))
        .containsExactly("organizations/1 3 3 0 0 0 0 d0", "folders/10 2 2 0 0 0 0 d1",
            "folders/20 1 1 0 0 0 0 d2", "p1 1 1 0 0 0 0 d3", "p2 1 1 0 0 0 0 d2", "p3 1 1 0 0 0 0 d1");
  }

  static dev.arcred.model.Repository inFolders(String project, String... folders) {
    List<String> ancestors = new java.util.ArrayList<>();
    ancestors.add("projects/9" + project.substring(1));
    ancestors.addAll(List.of(folders));
    ancestors.add("organizations/1");
    return new dev.arcred.model.Repository(dev.arcred.model.Repository.name(project, "us", "npm"), project,
        "9" + project.substring(1), "us", "npm", "NPM", "REMOTE_REPOSITORY", "npmjs", ancestors);
  }

  @Test
  void theInlineScriptIsTheOneWhoseHashThePolicyAllows() throws IOException {
    String html = html(SampleReports.small());
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(script.find()).isTrue();
    String hash = HtmlReport.cspHash(script.group(1));

    assertThat(html).contains("script-src 'sha256-" + hash + "'");
    assertThat(script.group(1)).doesNotContain("{{").doesNotContain("{%"); // the template's text, verbatim
  }

  static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** A row's text, cell by cell, separated by single spaces. */
  static String cellText(String row) {
    return row.substring(row.indexOf('>') + 1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
  }

  /** The body rows of the first table in a section, each from the end of its tr's name. */
  static List<String> rows(String section) {
    int body = section.indexOf("<tbody>");
    String tbody = section.substring(body, section.indexOf("</tbody>", body));
    return Arrays.stream(tbody.split("<tr[ >]")).skip(1).toList();
  }
}
