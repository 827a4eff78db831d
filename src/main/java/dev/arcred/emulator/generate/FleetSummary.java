package dev.arcred.emulator.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a generation wrote, and what an audit of it (at the spec's {@code now}) must find.
 *
 * @param lines asset lines written
 * @param bytes bytes written (the fleet is plain ASCII)
 * @param npmRemotes npm remote repositories: the audited ones
 * @param otherRepositories repositories of other formats and modes, which a default audit must skip
 * @param centralReferences npm remotes whose token reference names the central secrets project
 * @param projectLocations (project, location) pairs holding npm remotes: an audit lists repositories once per pair
 * @param failingSecrets distinct secrets of the chains that fail a check of the secret, its versions or its access:
 *     an audit confirms each with Secret Manager
 * @param faults repositories per planted fault kind
 * @param expectedCounts {@code rule -> count}: findings an audit must report per rule (each repository raises a
 *     rule at most once), every rule of RULES.md present (0 included), plus {@code AUDITED} (repositories audited)
 */
public record FleetSummary(
    FleetSpec spec,
    long lines,
    long bytes,
    int npmRemotes,
    int otherRepositories,
    int projects,
    int folders,
    long secrets,
    long secretVersions,
    long policies,
    int centralReferences,
    int projectLocations,
    int failingSecrets,
    Map<FaultKind, Integer> faults,
    SortedMap<String, Integer> expectedCounts) {

  public static final String AUDITED = "AUDITED";

  public int audited() {
    return expectedCounts.get(AUDITED);
  }

  /** {@code rule,count} with a header, rows sorted by rule, as app/demo/expected-counts.csv. */
  public void writeExpectedCounts(Writer out) throws IOException {
    out.write("rule,count\n");
    for (Map.Entry<String, Integer> e : expectedCounts.entrySet()) {
      out.write(e.getKey() + "," + e.getValue() + "\n");
    }
  }

  /** One line for people: sizes and what to expect. */
  public String describe() {
    return String.format("repos=%d other_repos=%d projects=%d folders=%d locations=%d secrets=%d lines=%d bytes=%d"
        + " project_locations=%d failing_secrets=%d", npmRemotes, otherRepositories, projects, folders,
        spec.locations(), secrets, lines, bytes, projectLocations, failingSecrets);
  }
}
