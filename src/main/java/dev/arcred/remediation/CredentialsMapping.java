package dev.arcred.remediation;

import dev.arcred.model.Repository;
import dev.arcred.model.SecretRef;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The input of a bulk migration: a CSV file with the columns {@code repository} (a repository's full name, or a
 * pattern in which {@code *} stands for any characters within one name segment, such as
 * {@code projects/*&#47;locations/*&#47;repositories/npm-*}), {@code username} and {@code secret_version} (a pinned
 * reference {@code projects/P/secrets/S/versions/N}). A row naming a repository exactly wins over patterns; patterns
 * that match one repository with different values make it ambiguous, and a person decides.
 */
public final class CredentialsMapping {
  public static final List<String> COLUMNS = List.of("repository", "username", "secret_version");

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._*-]+");

  /** One row: its line in the file, the repository name or pattern, and the credentials to set. */
  public record Row(int line, String repository, String username, String secretVersion) {
    boolean isPattern() {
      return repository.contains("*");
    }

    boolean sameValues(Row other) {
      return username.equals(other.username) && secretVersion.equals(other.secretVersion);
    }
  }

  /** What the mapping says about one repository: nothing, one row, or rows that disagree. */
  public sealed interface Match {
    record None() implements Match {}

    record One(Row row) implements Match {}

    record Ambiguous(List<Row> rows) implements Match {}
  }

  /** A mapping file that cannot be used: exit 2 with this message, naming the file and the line. */
  public static final class BadMapping extends Exception {
    public BadMapping(String message) {
      super(message);
    }
  }

  private final String source;
  private final List<Row> rows;
  private final List<Pattern> patterns;

  private CredentialsMapping(String source, List<Row> rows) {
    this.source = source;
    this.rows = List.copyOf(rows);
    this.patterns = rows.stream().map(r -> glob(r.repository())).toList();
  }

  public static CredentialsMapping load(Path file) throws BadMapping {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadMapping(file + ": cannot read the credentials mapping: " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  public static CredentialsMapping parse(String source, String text) throws BadMapping {
    List<Row> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
    try (Reader reader = new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text);
        CSVParser parser = CSVParser.parse(reader, format)) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        throw new BadMapping(source + ":1: empty: expected the header " + String.join(",", COLUMNS));
      }
      CSVRecord header = records.next();
      List<String> names = header.toList().stream().map(String::strip).toList();
      if (!names.equals(COLUMNS)) {
        throw new BadMapping(source + ":" + parser.getCurrentLineNumber() + ": the header is " + String.join(",", names)
            + ", expected " + String.join(",", COLUMNS));
      }
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
          throw new BadMapping(source + ":" + (parser.getCurrentLineNumber() + 1) + ": not CSV: " + e.getMessage());
        }
        int line = (int) parser.getCurrentLineNumber();
        rows.add(row(source, line, record));
      }
    } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
      throw new BadMapping(source + ": not CSV: " + e.getMessage());
    }
    Map<String, Row> exact = new java.util.HashMap<>();
    for (Row r : rows) {
      if (!r.isPattern()) {
        Row earlier = exact.putIfAbsent(r.repository(), r);
        if (earlier != null) {
          throw new BadMapping(source + ":" + r.line() + ": " + r.repository() + " is already mapped on line "
              + earlier.line());
        }
      }
    }
    return new CredentialsMapping(source, rows);
  }

  private static Row row(String source, int line, CSVRecord record) throws BadMapping {
    String where = source + ":" + line + ": ";
    if (record.size() != COLUMNS.size()) {
      throw new BadMapping(where + record.size() + " columns, expected " + COLUMNS.size() + " ("
          + String.join(",", COLUMNS) + ")");
    }
    String repository = record.get(0);
    String username = record.get(1);
    String secretVersion = record.get(2);
    String[] parts = repository.split("/", -1);
    boolean shaped = parts.length == 6 && parts[0].equals("projects") && parts[2].equals("locations")
        && parts[4].equals("repositories") && SEGMENT.matcher(parts[1]).matches()
        && SEGMENT.matcher(parts[3]).matches() && SEGMENT.matcher(parts[5]).matches();
    if (!shaped) {
      throw new BadMapping(where + "repository " + Text.shown(repository)
          + " is neither projects/P/locations/L/repositories/R nor such a pattern with *");
    }
    if (username.isEmpty() || username.codePoints().anyMatch(c -> Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT)) {
      throw new BadMapping(where + "username " + Text.shown(username) + " is empty or holds control characters");
    }
    Optional<SecretRef> ref = SecretRef.parse(secretVersion);
    if (ref.isEmpty() || !ref.get().pinned()) {
      throw new BadMapping(where + "secret_version " + Text.shown(secretVersion)
          + " is not a pinned reference projects/P/secrets/S/versions/N");
    }
    return new Row(line, repository, username, secretVersion);
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String literal : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append("[^/]*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString());
  }

  /** The row for a repository, named by project ID or number (two names of one project). */
  public Match match(Repository repository) {
    List<String> names = List.of(repository.name(),
        Repository.name(repository.projectNumber(), repository.location(), repository.repositoryId()));
    List<Row> exact = new ArrayList<>();
    List<Row> byPattern = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      Pattern p = patterns.get(i);
      if (names.stream().anyMatch(n -> p.matcher(n).matches())) {
        (row.isPattern() ? byPattern : exact).add(row);
      }
    }
    if (!exact.isEmpty()) {
      if (exact.stream().allMatch(r -> r.sameValues(exact.get(0)))) {
        return new Match.One(exact.get(0));
      }
      return new Match.Ambiguous(exact); // the ID and the number form both named, differently
    }
    if (byPattern.isEmpty()) {
      return new Match.None();
    }
    if (byPattern.stream().allMatch(r -> r.sameValues(byPattern.get(0)))) {
      return new Match.One(byPattern.get(0));
    }
    return new Match.Ambiguous(byPattern);
  }

  public String source() {
    return source;
  }

  public List<Row> rows() {
    return rows;
  }
}
