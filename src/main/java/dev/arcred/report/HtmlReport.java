package dev.arcred.report;

import dev.arcred.model.AuditReport;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import dev.arcred.model.Status;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * report.html, rendered by Pebble from {@value #MAIN_TEMPLATE} and its includes in a templates folder read at run
 * time, so that users can restyle it. Auto-escaping stays on (Pebble's default): every value from the fleet is
 * escaped for HTML. The templates get plain view records with everything computed here, so they hold no logic
 * beyond loops and ifs.
 */
final class HtmlReport {
  static final String MAIN_TEMPLATE = "report.peb";
  /** The width in pixels of the longest bar of the severity chart. */
  static final int CHART_WIDTH = 240;

  private final Path templatesDir;
  private final PebbleEngine engine;

  HtmlReport(Path templatesDir) {
    this.templatesDir = templatesDir.toAbsolutePath().normalize();
    FileLoader loader = new FileLoader();
    loader.setPrefix(this.templatesDir.toString());
    loader.setCharset(StandardCharsets.UTF_8.name());
    this.engine = new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(true) // the default, said out loud: fleet values are attacker-controlled
        .strictVariables(true) // a typo in an edited template fails the run instead of printing nothing
        .cacheActive(false) // read the templates afresh on every render
        .defaultLocale(Locale.ROOT)
        .build();
  }

  byte[] render(AuditReport report, ReportSummary summary) throws ReportTemplateException {
    if (!Files.isRegularFile(templatesDir.resolve(MAIN_TEMPLATE))) {
      throw new ReportTemplateException("no report template " + templatesDir.resolve(MAIN_TEMPLATE), null);
    }
    StringWriter out = new StringWriter();
    try {
      PebbleTemplate template = engine.getTemplate(MAIN_TEMPLATE);
      template.evaluate(out, context(report, summary));
    } catch (PebbleException | IOException e) {
      throw new ReportTemplateException(
          "cannot render report.html from the templates in " + templatesDir + ": " + e.getMessage(), e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> context(AuditReport report, ReportSummary summary) {
    List<FindingView> findings = FindingRow.of(report).stream().map(FindingView::of).toList();
    int unknown = summary.byStatus().get(Status.UNKNOWN.name());
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("scope", text(report.scope()));
    context.put("organization", text(report.organization()));
    context.put("generatedAt", DateTimeFormatter.ISO_INSTANT.format(report.now()));
    context.put("repositoryCount", summary.repositories());
    context.put("findingCount", summary.findings());
    context.put("unknownCount", unknown);
    context.put("incomplete", unknown > 0);
    context.put("statuses", Arrays.stream(Status.values())
        .map(s -> new Count(s.name(), summary.byStatus().get(s.name()))).toList());
    context.put("severities", severities(summary));
    context.put("rules", rules(report, summary));
    context.put("projects", summary.byProject().entrySet().stream()
        .map(e -> new ProjectView(e.getKey(), e.getValue().repositories(), e.getValue().findings(),
            e.getValue().byStatus()))
        .toList());
    context.put("findings", findings);
    context.put("checkErrors", findings.stream().filter(f -> f.rule().equals(RuleIds.CHECK_ERROR)).toList());
    context.put("repositories", report.results().stream().map(RepositoryView::of).toList());
    return context;
  }

  /** Most severe first, with the bar lengths of the chart. */
  private static List<SeverityView> severities(ReportSummary summary) {
    int max = summary.bySeverity().values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return Arrays.stream(Severity.values()).map(severity -> {
      int count = summary.bySeverity().get(severity.name());
      int bar = max == 0 ? 0 : Math.max(count == 0 ? 0 : 2, Math.round((float) count * CHART_WIDTH / max));
      return new SeverityView(severity.name(), count, bar);
    }).toList();
  }

  /** Most severe first, then by rule ID. */
  private static List<RuleView> rules(AuditReport report, ReportSummary summary) {
    Map<String, Severity> severityOfRule = report.findings().stream()
        .collect(Collectors.toMap(Finding::rule, Finding::severity, (a, b) -> a.atLeast(b) ? a : b));
    return summary.byRule().entrySet().stream()
        .map(e -> new RuleView(e.getKey(), severityOfRule.get(e.getKey()).name(), e.getValue()))
        .sorted(Comparator.comparing((RuleView r) -> Severity.valueOf(r.severity())).thenComparing(RuleView::rule))
        .toList();
  }

  // The view records are public: Pebble reads their accessors by reflection.

  public record Count(String name, int count) {}

  public record SeverityView(String name, int count, int bar) {}

  public record RuleView(String rule, String severity, int count) {}

  /** @param byStatus every status, by name */
  public record ProjectView(String project, int repositories, int findings, Map<String, Integer> byStatus) {}

  /** One link of a repository's chain, as shown beside a finding. */
  public record LinkView(String name, String description, boolean broken) {}

  public record FindingView(String repository, String rule, String severity, String status, String link,
      List<LinkView> chain, String detail, String fix) {
    static FindingView of(FindingRow row) {
      Finding finding = row.finding();
      List<LinkView> chain = Arrays.stream(Link.values())
          .map(l -> new LinkView(l.name().toLowerCase(Locale.ROOT), l.description(), l == finding.link()))
          .toList();
      return new FindingView(row.repository().name(), finding.rule(), finding.severity().name(),
          row.result().status().name(), finding.link().name(), chain, finding.detail(), finding.fix());
    }
  }

  public record RepositoryView(String name, String project, String location, String upstream, String username,
      String secretVersion, String status, int findings, String rules) {
    static RepositoryView of(RepositoryResult result) {
      Credentials credentials = Results.credentials(result);
      String rules = String.join(", ", Results.ruleIds(result));
      return new RepositoryView(result.repository().name(), text(result.repository().projectId()),
          text(result.repository().location()), text(result.repository().upstream()), text(credentials.username()),
          text(credentials.passwordSecretVersion()), result.status().name(), result.findings().size(), rules);
    }
  }

  private static String text(String value) {
    return Objects.requireNonNullElse(value, "");
  }
}
