package dev.arcred.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arcred.model.AuditReport;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Repository;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.Triage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * findings.json, shape documented in docs/findings-json.md. Built as a tree, so keys come out in the order they are
 * put: the order of the documentation, with the summary's maps sorted. Values are raw (no spreadsheet neutralising);
 * a value the API did not return is null.
 */
final class JsonReport {
  /** 2: findings[] may hold RESOLVED rows (with a baseline); change, suppressed, baseline, suppressions, byFolder. */
  static final int SCHEMA_VERSION = 2;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  // "\n" whatever the platform (Jackson's default indenter uses the system's line separator), arrays one item a line
  private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
      .withObjectIndenter(INDENTER)
      .withArrayIndenter(INDENTER)
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator("")));

  private JsonReport() {}

  static byte[] render(AuditReport report, ReportSummary summary) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      write(report, summary, out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  static void write(AuditReport report, ReportSummary summary, java.io.OutputStream out) throws java.io.IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("scope", report.scope());
    root.put("organization", report.organization());
    root.put("generatedAt", DateTimeFormatter.ISO_INSTANT.format(report.now()));
    Triage triage = report.triage();
    if (triage.hasBaseline()) {
      ObjectNode baseline = root.putObject("baseline");
      baseline.put("generatedAt", instant(triage.baseline().generatedAt()));
      baseline.put("scope", triage.baseline().scope());
    } else {
      root.putNull("baseline");
    }
    root.set("summary", summary(summary));
    ArrayNode suppressions = root.putArray("suppressions");
    for (Triage.SuppressionUse use : triage.suppressions()) {
      ObjectNode node = suppressions.addObject();
      node.put("source", use.source());
      node.put("rule", use.rule());
      node.put("repository", use.repository());
      node.put("reason", use.reason());
      node.put("expires", use.expires().toString());
      node.put("expired", use.expired());
      node.put("findings", use.findings());
    }
    ArrayNode repositories = root.putArray("repositories");
    for (RepositoryResult result : report.results()) {
      repositories.add(repository(result, triage));
    }
    ArrayNode findings = root.putArray("findings");
    for (FindingRow row : FindingRow.of(report)) {
      ObjectNode node = findings.addObject();
      node.put("repository", row.repository());
      node.put("rule", row.finding().rule());
      node.put("severity", row.finding().severity().name());
      node.put("status", row.status() == null ? null : row.status().name());
      putFindingBody(node, row.finding());
      node.put("change", row.change() == null ? null : row.change().name());
      node.put("suppressed", row.suppressed());
    }
    // Straight to the stream: no second copy of a large report as one string.
    try (com.fasterxml.jackson.core.JsonGenerator generator = MAPPER.getFactory().createGenerator(
        new java.io.FilterOutputStream(out) {
          @Override
          public void close() throws java.io.IOException {
            flush(); // the stream belongs to the caller
          }
        })) {
      WRITER.writeValue(generator, root);
    }
    out.write('\n');
  }

  private static ObjectNode summary(ReportSummary summary) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("repositories", summary.repositories());
    node.put("findings", summary.findings());
    node.put("suppressed", summary.suppressed());
    node.set("byStatus", counts(summary.byStatus()));
    node.set("byRule", counts(summary.byRule()));
    node.set("bySeverity", counts(summary.bySeverity()));
    if (summary.byChange() == null) {
      node.putNull("byChange");
    } else {
      node.set("byChange", counts(summary.byChange()));
    }
    node.set("byProject", groups(summary.byProject()));
    node.set("byFolder", groups(summary.byFolder()));
    return node;
  }

  private static ObjectNode groups(Map<String, ReportSummary.ProjectCounts> groups) {
    ObjectNode node = MAPPER.createObjectNode();
    groups.forEach((name, counts) -> {
      ObjectNode group = node.putObject(name);
      group.put("repositories", counts.repositories());
      group.put("findings", counts.findings());
      group.set("byStatus", counts(counts.byStatus()));
    });
    return node;
  }

  private static String instant(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static ObjectNode counts(Map<String, Integer> counts) {
    ObjectNode node = MAPPER.createObjectNode();
    counts.forEach(node::put);
    return node;
  }

  private static ObjectNode repository(RepositoryResult result, Triage triage) {
    Repository repository = result.repository();
    Credentials credentials = Results.credentials(result);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("repository", repository.name());
    node.put("project", repository.projectId());
    node.put("projectNumber", repository.projectNumber());
    ArrayNode ancestors = node.putArray("ancestors");
    repository.ancestors().forEach(ancestors::add);
    node.put("location", repository.location());
    node.put("format", repository.format());
    node.put("mode", repository.mode());
    node.put("upstream", repository.upstream());
    node.put("username", credentials.username());
    node.put("secretVersion", credentials.passwordSecretVersion());
    node.put("status", result.status().name());
    ArrayNode findings = node.putArray("findings");
    for (Finding finding : result.findings()) {
      ObjectNode findingNode = findings.addObject();
      findingNode.put("rule", finding.rule());
      findingNode.put("severity", finding.severity().name());
      putFindingBody(findingNode, finding);
      findingNode.put("change", triage.change(finding).map(Enum::name).orElse(null));
      findingNode.put("suppressed", triage.suppression(finding).orElse(null));
    }
    return node;
  }

  private static void putFindingBody(ObjectNode node, Finding finding) {
    node.put("link", finding.link().name());
    node.put("detail", finding.detail());
    node.put("fix", finding.fix());
  }
}
