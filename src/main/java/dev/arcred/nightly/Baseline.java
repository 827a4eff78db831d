package dev.arcred.nightly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arcred.model.BaselineState;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.Severity;
import dev.arcred.model.Triage.BaselineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A previous run's findings (its findings.json), to tell tonight's findings NEW or PERSISTING and last night's that
 * are gone RESOLVED. A finding is identified by (repository, rule): a changed detail (a new version number, say) is
 * the same finding.
 */
public final class Baseline {
  static final Set<Integer> READABLE_SCHEMAS = Set.of(1, 2);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final BaselineRun run;
  private final List<Finding> findings;

  private Baseline(BaselineRun run, List<Finding> findings) {
    this.run = run;
    this.findings = List.copyOf(findings);
  }

  public static Baseline of(BaselineRun run, List<Finding> findings) {
    return new Baseline(run, findings);
  }

  /** The first night: no previous findings.json, so every finding is NEW. */
  public static Baseline firstRun() {
    return new Baseline(new BaselineRun(null, null), List.of());
  }

  public BaselineRun run() {
    return run;
  }

  public List<Finding> findings() {
    return findings;
  }

  /** (repository, rule), the identity of a finding across runs. */
  record Key(String repository, String rule) {
    static Key of(Finding finding) {
      return new Key(finding.repository(), finding.rule());
    }
  }

  /**
   * @param changes NEW or PERSISTING for every current finding
   * @param resolved the baseline's findings whose (repository, rule) is not found now
   */
  public record Comparison(Map<Finding, BaselineState> changes, List<Finding> resolved) {}

  public Comparison compare(List<Finding> current) {
    Set<Key> before = new HashSet<>();
    findings.forEach(f -> before.add(Key.of(f)));
    Set<Key> now = new HashSet<>();
    Map<Finding, BaselineState> changes = new HashMap<>();
    for (Finding finding : current) {
      Key key = Key.of(finding);
      now.add(key);
      changes.put(finding, before.contains(key) ? BaselineState.PERSISTING : BaselineState.NEW);
    }
    List<Finding> resolved = findings.stream().filter(f -> !now.contains(Key.of(f))).sorted(Finding.ORDER).toList();
    return new Comparison(changes, resolved);
  }

  /**
   * Reads the baseline at path: a previous run's --out folder (its findings.json) or a findings.json itself. When
   * there is none yet (the first night), {@link #firstRun()}; a file that is not a findings.json is a MalformedInput.
   */
  public static Baseline read(Path path) throws MalformedInput {
    Path file = Files.isDirectory(path) ? path.resolve("findings.json") : path;
    if (!Files.exists(file)) {
      return firstRun();
    }
    try {
      return parse(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new MalformedInput("cannot read the baseline " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a findings.json (schema 1 or 2); source names it in messages. */
  public static Baseline parse(String source, byte[] json) throws MalformedInput {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedInput("the baseline " + source + " is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedInput("cannot read the baseline " + source + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("schemaVersion").isInt()) {
      throw new MalformedInput("the baseline " + source + " is not an arcred findings.json (no schemaVersion)");
    }
    int schema = root.get("schemaVersion").intValue();
    if (!READABLE_SCHEMAS.contains(schema)) {
      throw new MalformedInput("the baseline " + source + " has schemaVersion " + schema
          + "; this arcred reads " + READABLE_SCHEMAS + " (a newer arcred wrote it?)");
    }
    JsonNode list = root.path("findings");
    if (!list.isArray()) {
      throw new MalformedInput("the baseline " + source + " has no findings list");
    }
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      if ("RESOLVED".equals(node.path("change").asText(null))) {
        continue; // resolved before the baseline's own run: not a finding of that run
      }
      findings.add(finding(source + ": findings[" + i + "]", node));
    }
    return new Baseline(new BaselineRun(instant(source, root.path("generatedAt")), text(root.path("scope"))), findings);
  }

  private static Finding finding(String where, JsonNode node) throws MalformedInput {
    String repository = text(node.path("repository"));
    String rule = text(node.path("rule"));
    if (repository == null || rule == null) {
      throw new MalformedInput(where + ": repository and rule are required");
    }
    try {
      Severity severity = Severity.valueOf(node.path("severity").asText(""));
      Link link = Link.valueOf(node.path("link").asText(""));
      return new Finding(repository, rule, severity, link, text(node.path("detail")), text(node.path("fix")));
    } catch (IllegalArgumentException e) {
      throw new MalformedInput(where + ": unknown severity or link: " + e.getMessage(), e);
    }
  }

  private static Instant instant(String source, JsonNode node) throws MalformedInput {
    if (!node.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(node.textValue());
    } catch (DateTimeParseException e) {
      throw new MalformedInput("the baseline " + source + " has a generatedAt that is not RFC 3339: "
          + node.textValue(), e);
    }
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.textValue() : null;
  }
}
