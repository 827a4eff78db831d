package dev.arcred.nightly;

import dev.arcred.model.Finding;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import dev.arcred.model.Triage.SuppressionUse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The ignore file (--ignore FILE): accepted findings, each with a reason and an expiry date. CSV, UTF-8, one
 * suppression a line, after the header {@code rule,repository,reason,expires}; blank lines and lines starting with
 * {@code #} are skipped. A rule is a rule ID or {@code *} (every rule but CHECK_ERROR and SUPPRESSION_EXPIRED,
 * which cannot be suppressed); a repository is a {@link RepositoryPattern}; expires is a date YYYY-MM-DD, the last
 * day (UTC) the suppression is in force. Documented in docs/suppressions.md.
 */
public final class Suppressions {
  public static final List<String> HEADER = List.of("rule", "repository", "reason", "expires");
  public static final String ANY_RULE = "*";
  /** Never suppressed: an unreadable link must keep the audit incomplete; an expired suppression must be seen. */
  static final Set<String> UNSUPPRESSIBLE = Set.of(RuleIds.CHECK_ERROR, RuleIds.SUPPRESSION_EXPIRED);
  public static final Suppressions NONE = new Suppressions(List.of());

  private static final CSVFormat LINE = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get();

  private final List<Suppression> entries;

  private Suppressions(List<Suppression> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * One suppression.
   *
   * @param source FILE:LINE, for messages and for the SUPPRESSION_EXPIRED detail
   */
  public record Suppression(String source, String rule, RepositoryPattern repository, String reason,
      LocalDate expires) {
    public boolean covers(Finding finding) {
      if (UNSUPPRESSIBLE.contains(finding.rule())) {
        return false;
      }
      return (rule.equals(ANY_RULE) || rule.equals(finding.rule())) && repository.matches(finding.repository());
    }

    /** In force through its expiry day (UTC); expired from the next day on. */
    public boolean expiredAt(Instant now) {
      return !now.isBefore(expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
  }

  /**
   * The outcome of applying suppressions to an audit.
   *
   * @param results the audit's results, with a SUPPRESSION_EXPIRED finding added per expired suppression and
   *     repository it covers
   * @param suppressed the findings covered by a suppression in force, with its reason
   * @param uses every suppression, in file order, with what it did
   */
  public record Applied(List<RepositoryResult> results, Map<Finding, String> suppressed, List<SuppressionUse> uses) {}

  public List<Suppression> entries() {
    return entries;
  }

  /** Reads an ignore file; a missing, unreadable or malformed file is a MalformedInput naming it (and the line). */
  public static Suppressions read(Path file) throws MalformedInput {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MalformedInput("cannot read the ignore file " + file + ": " + describe(e), e);
    }
    return parse(file.toString(), text);
  }

  /** Parses an ignore file's text; name is how messages and findings call the file. */
  public static Suppressions parse(String name, String text) throws MalformedInput {
    List<Suppression> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    boolean headerSeen = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      String where = name + ":" + (i + 1);
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte order mark left by a spreadsheet
      }
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      List<String> fields = fields(where, line);
      if (!headerSeen) {
        if (!fields.equals(HEADER)) {
          throw new MalformedInput(where + ": the first line must be the header " + String.join(",", HEADER)
              + ", was: " + line);
        }
        headerSeen = true;
        continue;
      }
      entries.add(suppression(where, fields));
    }
    if (!headerSeen && !text.isBlank()) {
      throw new MalformedInput(name + ":1: the header " + String.join(",", HEADER) + " is missing");
    }
    return new Suppressions(entries);
  }

  /**
   * Marks the findings that suppressions in force cover, and reports each expired suppression once per repository
   * it covers as SUPPRESSION_EXPIRED (LOW), about the link of the first finding it covers there.
   */
  public Applied apply(List<RepositoryResult> results, Instant now) {
    Map<Finding, String> suppressed = new HashMap<>();
    Map<Suppression, Integer> counts = new HashMap<>();
    // expired suppression -> repository -> the findings it would have suppressed there, in order
    Map<Suppression, Map<String, List<Finding>>> expiredCover = new LinkedHashMap<>();
    for (RepositoryResult result : results) {
      for (Finding finding : result.findings()) {
        boolean done = false;
        for (Suppression s : entries) {
          if (!s.covers(finding)) {
            continue;
          }
          if (s.expiredAt(now)) {
            expiredCover.computeIfAbsent(s, k -> new TreeMap<>())
                .computeIfAbsent(finding.repository(), k -> new ArrayList<>()).add(finding);
            counts.merge(s, 1, Integer::sum);
          } else if (!done) {
            suppressed.put(finding, s.reason());
            counts.merge(s, 1, Integer::sum);
            done = true; // the first suppression in force gives the reason
          }
        }
      }
    }
    Map<String, List<Finding>> added = new HashMap<>();
    expiredCover.forEach((s, byRepository) -> byRepository.forEach((repository, covered) ->
        added.computeIfAbsent(repository, k -> new ArrayList<>()).add(expired(s, repository, covered))));
    List<RepositoryResult> out = results.stream().map(result -> {
      List<Finding> more = added.get(result.repository().name());
      if (more == null) {
        return result;
      }
      List<Finding> findings = new ArrayList<>(result.findings());
      findings.addAll(more);
      return RepositoryResult.of(result.repository(), result.credentials(), findings);
    }).toList();
    List<SuppressionUse> uses = entries.stream()
        .map(s -> new SuppressionUse(s.source(), s.rule(), s.repository().toString(), s.reason(), s.expires(),
            s.expiredAt(now), counts.getOrDefault(s, 0)))
        .toList();
    return new Applied(out, suppressed, uses);
  }

  private static Finding expired(Suppression s, String repository, List<Finding> covered) {
    String rules = covered.stream().map(Finding::rule).distinct().sorted().collect(Collectors.joining(", "));
    String detail = "The suppression at " + s.source() + " (" + s.rule() + " on " + s.repository() + ", \""
        + s.reason() + "\") expired on " + s.expires() + ": " + rules + " " + (covered.size() == 1 ? "is" : "are")
        + " reported again. Fix the repository, or renew the suppression with a new date.";
    return new Finding(repository, RuleIds.SUPPRESSION_EXPIRED, Severity.LOW, covered.get(0).link(), detail, "");
  }

  private static List<String> fields(String where, String line) throws MalformedInput {
    try (CSVParser parser = CSVParser.parse(line, LINE)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new MalformedInput(where + ": not one CSV record: " + line);
      }
      List<String> fields = new ArrayList<>();
      records.get(0).forEach(fields::add);
      return fields;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new MalformedInput(where + ": not CSV (" + describe(e) + "): " + line, e);
    }
  }

  private static Suppression suppression(String where, List<String> fields) throws MalformedInput {
    if (fields.size() != HEADER.size()) {
      throw new MalformedInput(where + ": " + fields.size() + " fields, expected " + HEADER.size() + ": "
          + String.join(",", HEADER) + " (quote a reason that holds a comma)");
    }
    String rule = fields.get(0);
    if (UNSUPPRESSIBLE.contains(rule)) {
      throw new MalformedInput(where + ": " + rule + " cannot be suppressed: "
          + (rule.equals(RuleIds.CHECK_ERROR)
              ? "an unreadable link keeps the audit incomplete; grant the read access or narrow the scope"
              : "renew or remove the expired suppression instead"));
    }
    if (!rule.equals(ANY_RULE) && !knownRules().contains(rule)) {
      throw new MalformedInput(where + ": unknown rule '" + rule + "' (a rule ID of RULES.md, or * for every rule)");
    }
    RepositoryPattern pattern;
    try {
      pattern = new RepositoryPattern(fields.get(1));
    } catch (IllegalArgumentException e) {
      throw new MalformedInput(where + ": " + e.getMessage());
    }
    String reason = fields.get(2).strip();
    if (reason.isEmpty()) {
      throw new MalformedInput(where + ": a reason is required (who accepted it, and why)");
    }
    LocalDate expires;
    try {
      expires = LocalDate.parse(fields.get(3));
    } catch (DateTimeParseException e) {
      throw new MalformedInput(where + ": expires '" + fields.get(3) + "' is not a date YYYY-MM-DD");
    }
    return new Suppression(where, rule, pattern, reason, expires);
  }

  /** The rule IDs of RuleIds, read from its constants so that a rule added there is known here. */
  static Set<String> knownRules() {
    Set<String> ids = new java.util.TreeSet<>();
    for (Field field : RuleIds.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          ids.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return ids;
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
