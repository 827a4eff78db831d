package dev.arcred.report;

import dev.arcred.model.AuditReport;
import dev.arcred.model.BaselineState;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import dev.arcred.model.Status;
import dev.arcred.model.Triage;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * report.html, rendered by Pebble from {@value #MAIN_TEMPLATE} and its includes in a templates folder read at run
 * time, so that users can restyle it. Auto-escaping stays on (Pebble's default): every value from the fleet is
 * escaped for HTML. The templates get plain view records with everything computed here, so they hold no logic
 * beyond loops and ifs.
 *
 * <p>The page's one inline script comes from {@value #SCRIPT_TEMPLATE}, which holds no variable: its sha256 is
 * computed here from the template and put in the page's Content-Security-Policy, and the rendered page is checked
 * to hold no other inline script, so that an edited template cannot break or widen the policy silently.
 */
final class HtmlReport {
  static final String MAIN_TEMPLATE = "report.peb";
  static final String SCRIPT_TEMPLATE = "script.peb";
  /** The width in pixels of the longest bar of the severity chart. */
  static final int CHART_WIDTH = 180;
  /** The width in pixels of the longest bar of the rule chart. */
  static final int RULE_BAR_WIDTH = 140;
  /** The width in pixels of the stacked bar of repositories by status. */
  static final int STATUS_BAR_WIDTH = 320;
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script\\b[^>]*>(.*?)</script>", Pattern.DOTALL);

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
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      write(report, summary, out);
    } catch (ReportTemplateException e) {
      throw e;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** Fails early, before any file is staged, when the main template is missing. */
  void checkTemplates() throws ReportTemplateException {
    if (!Files.isRegularFile(templatesDir.resolve(MAIN_TEMPLATE))) {
      throw new ReportTemplateException("no report template " + templatesDir.resolve(MAIN_TEMPLATE), null);
    }
  }

  /** Renders report.html straight into out, checking its inline scripts on the way. */
  void write(AuditReport report, ReportSummary summary, java.io.OutputStream out) throws IOException {
    checkTemplates();
    try {
      Map<String, Object> context = context(report, summary);
      String hash = Files.isRegularFile(templatesDir.resolve(SCRIPT_TEMPLATE))
          ? cspHash(evaluate(SCRIPT_TEMPLATE, Map.of())) : "";
      context.put("scriptHash", hash);
      java.io.Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
      InlineScriptGuard guard = new InlineScriptGuard(writer, hash);
      engine.getTemplate(MAIN_TEMPLATE).evaluate(guard, context);
      guard.flush();
      if (guard.violation()) {
        throw scriptViolation();
      }
    } catch (ReportTemplateException e) {
      throw e;
    } catch (PebbleException | IOException e) {
      throw new ReportTemplateException(
          "cannot render report.html from the templates in " + templatesDir + ": " + e.getMessage(), e);
    }
  }

  private static ReportTemplateException scriptViolation() {
    return new ReportTemplateException("report.html would hold an inline script whose hash is not in its"
        + " Content-Security-Policy: put the page's script in " + SCRIPT_TEMPLATE + " only, without variables,"
        + " and include it once", null);
  }

  /**
   * Passes the page through and checks each inline script as it goes by: every one must be the script whose hash
   * the policy allows (else the browser blocks it). Only a script element is ever held in memory.
   */
  static final class InlineScriptGuard extends java.io.Writer {
    private static final String OPEN = "<script";
    private static final String CLOSE = "</script>";
    private final java.io.Writer out;
    private final String allowed;
    private int matched;
    private StringBuilder script;
    private boolean violation;

    InlineScriptGuard(java.io.Writer out, String allowed) {
      this.out = out;
      this.allowed = allowed;
    }

    boolean violation() {
      return violation;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      out.write(buf, off, len);
      for (int i = off; i < off + len; i++) {
        scan(buf[i]);
      }
    }

    private void scan(char c) {
      if (script != null) {
        script.append(c);
        if (c == '>' && script.length() >= CLOSE.length()
            && script.substring(script.length() - CLOSE.length()).equals(CLOSE)) {
          Matcher m = INLINE_SCRIPT.matcher(script);
          if (m.find() && !cspHash(m.group(1)).equals(allowed)) {
            violation = true;
          }
          script = null;
        }
        return;
      }
      if (c == OPEN.charAt(matched)) {
        matched++;
      } else {
        matched = c == '<' ? 1 : 0;
      }
      if (matched == OPEN.length()) {
        script = new StringBuilder(OPEN);
        matched = 0;
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      flush(); // the stream belongs to the caller
    }
  }

  private String evaluate(String name, Map<String, Object> context) throws IOException {
    StringWriter out = new StringWriter();
    PebbleTemplate template = engine.getTemplate(name);
    template.evaluate(out, context);
    return out.toString();
  }

  /** The hash of an inline script as a CSP source 'sha256-HASH' names it: base64 of the SHA-256 of its UTF-8 text. */
  static String cspHash(String script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static Map<String, Object> context(AuditReport report, ReportSummary summary) {
    Triage triage = report.triage();
    List<FindingRow> rows = FindingRow.of(report);
    List<FindingView> findings = rows.stream().map(FindingView::of).toList();
    int unknown = summary.byStatus().get(Status.UNKNOWN.name());
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("scope", text(report.scope()));
    context.put("organization", text(report.organization()));
    context.put("generatedAt", instant(report.now()));
    context.put("repositoryCount", summary.repositories());
    context.put("findingCount", summary.findings());
    context.put("unknownCount", unknown);
    context.put("incomplete", unknown > 0);
    context.put("statuses", statuses(summary));
    context.put("severities", severities(summary));
    context.put("rules", rules(report, summary));
    context.put("projects", summary.byProject().entrySet().stream()
        .map(e -> new ProjectView(e.getKey(), e.getValue().repositories(), e.getValue().findings(),
            e.getValue().byStatus()))
        .toList());
    context.put("tree", TreeRow.of(report));
    context.put("baselined", triage.hasBaseline());
    context.put("baselineGeneratedAt", triage.hasBaseline() ? instant(triage.baseline().generatedAt()) : "");
    context.put("baselineScope", triage.hasBaseline() ? text(triage.baseline().scope()) : "");
    context.put("changes", summary.byChange() == null ? List.of() : Arrays.stream(BaselineState.values())
        .map(c -> new Count(c.name(), summary.byChange().get(c.name()))).toList());
    context.put("resolvedCount", triage.resolved().size());
    context.put("suppressedCount", summary.suppressed());
    context.put("suppressions", triage.suppressions().stream().map(SuppressionView::of).toList());
    context.put("expiredCount", (int) triage.suppressions().stream().filter(Triage.SuppressionUse::expired).count());
    context.put("filterRules", rows.stream().map(r -> r.finding().rule()).collect(Collectors.toCollection(TreeSet::new)));
    context.put("filterProjects", rows.stream().map(FindingRow::project).filter(p -> !p.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new)));
    context.put("findings", findings);
    context.put("checkErrors", findings.stream().filter(f -> f.rule().equals(RuleIds.CHECK_ERROR) && !f.resolved())
        .toList());
    context.put("repositories", report.results().stream().map(RepositoryView::of).toList());
    return context;
  }

  /** Every status, with its segment of the stacked bar (x and width in pixels; 0 wide when none). */
  private static List<StatusView> statuses(ReportSummary summary) {
    List<StatusView> views = new ArrayList<>();
    int total = summary.repositories();
    int x = 0;
    int counted = 0;
    for (Status status : Status.values()) {
      int count = summary.byStatus().get(status.name());
      counted += count;
      // the right edge of each segment is rounded from the running total, so the segments always fill the bar
      int right = total == 0 ? 0 : Math.round((float) counted * STATUS_BAR_WIDTH / total);
      views.add(new StatusView(status.name(), count, x, right - x,
          total == 0 ? 0 : Math.round(100f * count / total)));
      x = right;
    }
    return views;
  }

  /** Most severe first, with the bar lengths of the chart. */
  private static List<SeverityView> severities(ReportSummary summary) {
    int max = summary.bySeverity().values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return Arrays.stream(Severity.values())
        .map(severity -> {
          int count = summary.bySeverity().get(severity.name());
          return new SeverityView(severity.name(), count, bar(count, max, CHART_WIDTH));
        })
        .toList();
  }

  /** Most severe first, then by rule ID, with the bar lengths of the chart. */
  private static List<RuleView> rules(AuditReport report, ReportSummary summary) {
    Map<String, Severity> severityOfRule = report.findings().stream()
        .collect(Collectors.toMap(Finding::rule, Finding::severity, (a, b) -> a.atLeast(b) ? a : b));
    int max = summary.byRule().values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return summary.byRule().entrySet().stream()
        .map(e -> new RuleView(e.getKey(), severityOfRule.get(e.getKey()).name(), e.getValue(),
            bar(e.getValue(), max, RULE_BAR_WIDTH)))
        .sorted(Comparator.comparing((RuleView r) -> Severity.valueOf(r.severity())).thenComparing(RuleView::rule))
        .toList();
  }

  /** A bar's length: proportional to the longest, at least 2 px when the count is not 0. */
  private static int bar(int count, int max, int width) {
    return max == 0 ? 0 : Math.max(count == 0 ? 0 : 2, Math.round((float) count * width / max));
  }

  // The view records are public: Pebble reads their accessors by reflection.

  public record Count(String name, int count) {}

  /** @param x the segment's left edge in the stacked bar; @param width its width; @param percent of all */
  public record StatusView(String name, int count, int x, int width, int percent) {}

  public record SeverityView(String name, int count, int bar) {}

  public record RuleView(String rule, String severity, int count, int bar) {}

  /** @param byStatus every status, by name */
  public record ProjectView(String project, int repositories, int findings, Map<String, Integer> byStatus) {}

  /** One link of a repository's chain, as shown beside a finding. */
  public record LinkView(String name, String description, boolean broken) {}

  /**
   * @param project the project ID ("" when the name has not the usual shape)
   * @param status the repository's status now ("" for a RESOLVED finding of a repository no longer audited)
   * @param change NEW, PERSISTING, RESOLVED or "" without a baseline
   * @param state open, suppressed or resolved: what the table filters on
   * @param suppressed the suppression's reason, or ""
   */
  public record FindingView(String repository, String project, String rule, String severity, int severityRank,
      String status, String link, List<LinkView> chain, String detail, String fix, String change, String state,
      String suppressed) {
    static FindingView of(FindingRow row) {
      Finding finding = row.finding();
      List<LinkView> chain = Arrays.stream(Link.values())
          .map(l -> new LinkView(l.name().toLowerCase(Locale.ROOT), l.description(), l == finding.link()))
          .toList();
      String state = row.resolved() ? "resolved" : row.suppressed() != null ? "suppressed" : "open";
      return new FindingView(row.repository(), row.project(), finding.rule(), finding.severity().name(),
          finding.severity().ordinal(), row.status() == null ? "" : row.status().name(), finding.link().name(),
          chain, finding.detail(), finding.fix(), row.change() == null ? "" : row.change().name(), state,
          text(row.suppressed()));
    }

    public boolean resolved() {
      return state.equals("resolved");
    }
  }

  public record SuppressionView(String source, String rule, String repository, String reason, String expires,
      boolean expired, int findings) {
    static SuppressionView of(Triage.SuppressionUse use) {
      return new SuppressionView(use.source(), use.rule(), use.repository(), use.reason(), use.expires().toString(),
          use.expired(), use.findings());
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

  /**
   * One row of the breakdown by folder and project: the resource hierarchy above the audited repositories, from
   * their ancestors (organization, folders, project), depth first, each node counting every repository below it.
   *
   * @param kind organization, folder or project
   * @param name the resource name (organizations/N, folders/N, projects/N)
   * @param label what people read: the project ID for a project, else the name
   */
  public record TreeRow(int depth, String kind, String name, String label, int repositories,
      Map<String, Integer> byStatus, int findings) {

    static List<TreeRow> of(AuditReport report) {
      Node root = new Node("", "", "");
      for (RepositoryResult result : report.results()) {
        List<String> path = new ArrayList<>(result.repository().ancestors());
        Collections.reverse(path); // organization first
        if (path.isEmpty() || !path.get(path.size() - 1).startsWith("projects/")) {
          path.add("projects/" + result.repository().projectId());
        }
        Node node = root;
        node.add(result);
        for (int i = 0; i < path.size(); i++) {
          String name = path.get(i);
          String label = i == path.size() - 1 ? result.repository().projectId() : name;
          node = node.children.computeIfAbsent(sortKey(name, label), k -> new Node(name, kindOf(name), label));
          node.add(result);
        }
      }
      List<TreeRow> rows = new ArrayList<>();
      root.children.values().forEach(child -> child.collect(0, rows));
      return rows;
    }

    /** Folders before projects, each by name; projects by ID. */
    private static String sortKey(String name, String label) {
      return (name.startsWith("projects/") ? "2 " + label : name.startsWith("folders/") ? "1 " + name : "0 " + name);
    }

    private static String kindOf(String name) {
      return name.startsWith("projects/") ? "project" : name.startsWith("folders/") ? "folder" : "organization";
    }

    private static final class Node {
      final String name;
      final String kind;
      final String label;
      final Map<String, Node> children = new TreeMap<>();
      final Map<String, Integer> byStatus = new LinkedHashMap<>();
      int repositories;
      int findings;

      Node(String name, String kind, String label) {
        this.name = name;
        this.kind = kind;
        this.label = label;
        for (Status status : Status.values()) {
          byStatus.put(status.name(), 0);
        }
      }

      void add(RepositoryResult result) {
        repositories++;
        findings += result.findings().size();
        byStatus.merge(result.status().name(), 1, Integer::sum);
      }

      void collect(int depth, List<TreeRow> rows) {
        rows.add(new TreeRow(depth, kind, name, label, repositories, Map.copyOf(byStatus), findings));
        children.values().forEach(child -> child.collect(depth + 1, rows));
      }
    }
  }

  private static String instant(Instant instant) {
    return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static String text(String value) {
    return Objects.requireNonNullElse(value, "");
  }
}
