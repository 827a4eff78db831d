package dev.arcred.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads an audit's --out folder back, as a user's script would. */
final class Reports {
  private Reports() {}

  static List<Map<String, String>> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        rows.add(r.toMap());
      }
      return rows;
    }
  }

  /** (repository, rule) pairs of findings.csv. */
  static Set<String> findingKeys(Path out) throws IOException {
    return csv(out.resolve("findings.csv")).stream()
        .map(r -> r.get("repository") + " " + r.get("rule"))
        .collect(Collectors.toSet());
  }

  static Set<String> audited(Path out) throws IOException {
    return csv(out.resolve("repositories.csv")).stream().map(r -> r.get("repository")).collect(Collectors.toSet());
  }

  static Set<String> rules(Path out) throws IOException {
    return csv(out.resolve("findings.csv")).stream().map(r -> r.get("rule")).collect(Collectors.toSet());
  }
}
