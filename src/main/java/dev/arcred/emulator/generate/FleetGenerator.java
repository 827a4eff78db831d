package dev.arcred.emulator.generate;

import dev.arcred.emulator.generate.ProjectPlanner.ProjectPlan;
import dev.arcred.emulator.generate.ProjectPlanner.SharedPlan;
import dev.arcred.emulator.generate.Upstream.GroupToken;
import dev.arcred.model.RuleIds;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Generates a realistic organization as a fleet file (FLEET-FORMAT.md), deterministically from a {@link FleetSpec},
 * streaming: it holds a few bytes per project and per npm remote, and one project's plan at a time, never the fleet.
 *
 * <p>The organization: F nested folders; P projects spread over them (a few directly under the organization);
 * project 0, {@code platform-secrets}, holds the tokens of about half the npm remotes (one set per business unit
 * of 100 projects, readable by all their service agents); the other remotes use their own project's tokens; each
 * token is shared by several repositories. A project keeps its repositories in its home location, about one in
 * ten in a second one too. A broken token breaks about ten repositories at once: the faults of the secret or its
 * access come as faulty secrets shared by about ten repositories of one fault kind, mostly in the central project. Beside the N npm remotes, about 20% more repositories (npm standard
 * and virtual, Docker, Maven and PyPI remotes, Docker standard) that a default audit must skip, some of them
 * broken. Org and project custom roles, and ordinary allow policies on the organization, folders and projects
 * (with traps: Editor for agents, allUsers on repositories). About 2% of the npm remotes carry each fault kind
 * ({@link FaultKind}); the rest are healthy.
 *
 * <p>Line order: the organization, its policy and custom roles; the folders; the central project, the business
 * units' tokens and the shared faulty secrets it holds; then each project: its line and policy, its secrets (policies, versions), its repositories.
 * Everything a line refers to comes before it.
 */
public final class FleetGenerator {
  /** Every rule an audit can report (RULES.md), in the order of the expected counts file. */
  static final List<String> RULES = List.of(
      RuleIds.CREDENTIALS_MISSING, RuleIds.CREDENTIALS_INCOMPLETE, RuleIds.SECRET_REFERENCE_INVALID,
      RuleIds.SECRET_NOT_FOUND, RuleIds.SECRET_VERSION_NOT_FOUND, RuleIds.SECRET_VERSION_DISABLED,
      RuleIds.SECRET_VERSION_DESTROYED, RuleIds.SECRET_VERSION_DESTROY_SCHEDULED, RuleIds.SECRET_EXPIRING,
      RuleIds.SECRET_VERSION_FLOATING, RuleIds.SECRET_VERSION_SUPERSEDED, RuleIds.SECRET_PUBLIC,
      RuleIds.SERVICE_AGENT_NO_ACCESS, RuleIds.SERVICE_AGENT_CONDITIONAL_ACCESS, RuleIds.SERVICE_AGENT_BROAD_ACCESS,
      RuleIds.CHECK_ERROR);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final FleetSpec spec;

  public FleetGenerator(FleetSpec spec) {
    this.spec = spec;
  }

  public FleetSpec spec() {
    return spec;
  }

  /** The expected counts file written beside a fleet: {@code x.ndjson} gives {@code x.expected.csv}. */
  public static Path expectedCountsPath(Path fleet) {
    String name = fleet.getFileName().toString();
    for (String ext : List.of(".ndjson", ".jsonl", ".json")) {
      if (name.endsWith(ext) && name.length() > ext.length()) {
        name = name.substring(0, name.length() - ext.length());
        break;
      }
    }
    return fleet.resolveSibling(name + ".expected.csv");
  }

  /**
   * Writes the fleet to {@code fleet} and its expected counts to {@link #expectedCountsPath}, each whole or not at
   * all (a temporary file in the same folder, then a rename). Creates the folder if needed.
   */
  public FleetSummary write(Path fleet) throws IOException {
    Path target = fleet.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path counts = expectedCountsPath(target);
    Path fleetTmp = temporary(target);
    Path countsTmp = temporary(counts);
    try {
      FleetSummary summary;
      try (Writer out = new BufferedWriter(new OutputStreamWriter(
          Files.newOutputStream(fleetTmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          StandardCharsets.UTF_8), 1 << 16)) {
        summary = write(out);
      }
      try (Writer out = Files.newBufferedWriter(countsTmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        summary.writeExpectedCounts(out);
      }
      move(countsTmp, counts);
      move(fleetTmp, target);
      return summary;
    } finally {
      Files.deleteIfExists(fleetTmp);
      Files.deleteIfExists(countsTmp);
    }
  }

  /** A hidden name beside {@code file}, not yet taken (created by the caller, with the usual permissions). */
  private static Path temporary(Path file) {
    Path candidate;
    do {
      candidate = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
    } while (Files.exists(candidate));
    return candidate;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes the fleet to {@code out} (flushed, not closed) and returns what it wrote and what an audit must find. */
  public FleetSummary write(Writer out) throws IOException {
    Organization org = new Organization(spec);
    ProjectPlanner planner = new ProjectPlanner(org);
    CountingWriter counting = new CountingWriter(out);
    AssetLines lines = new AssetLines(org, counting);

    lines.organization(planner.organizationPolicy());
    lines.role(-1, Binding.TOKEN_READER, "npm token reader",
        "Reads npm upstream tokens (payload and metadata). Granted to Artifact Registry service agents.",
        List.of("secretmanager.secrets.get", "secretmanager.versions.access", "secretmanager.versions.get"));
    lines.role(-1, Binding.METADATA_VIEWER, "Secret metadata viewer",
        "Sees that secrets and versions exist, never their payload.",
        List.of("secretmanager.secrets.get", "secretmanager.secrets.list", "secretmanager.versions.get",
            "secretmanager.versions.list"));

    List<List<Binding>> broadGrants = new ArrayList<>(org.folders()); // per folder, from broad-access faults
    for (int f = 0; f < org.folders(); f++) {
      broadGrants.add(new ArrayList<>(0));
    }
    for (int id = org.sharedGroupsFrom(FaultKind.SERVICE_AGENT_BROAD_ACCESS);
        id < org.sharedGroupsTo(FaultKind.SERVICE_AGENT_BROAD_ACCESS); id++) {
      SharedPlan broad = planner.shared(id);
      if (broad.broad().onFolder()) {
        broadGrants.get(org.projectFolder(broad.host())).add(planner.broadBinding(broad));
      }
    }
    for (int f = 0; f < org.folders(); f++) {
      lines.folder(f, planner.folderPolicy(f, broadGrants.get(f)));
    }

    lines.project(Organization.CENTRAL, planner.centralProjectPolicy());
    lines.role(Organization.CENTRAL, Binding.UPSTREAM_TOKEN_READER, "Upstream token reader",
        "Reads the tokens of remote repositories' upstreams.",
        List.of("secretmanager.versions.access", "secretmanager.versions.get"));
    for (int g = 0; g < org.groups(); g++) {
      for (GroupToken token : GroupToken.values()) {
        lines.secret(planner.groupSecret(token, g, true));
      }
    }
    for (int id = 0; id < org.sharedGroups(); id++) { // the faulty secrets that groups of repositories share
      SharedPlan shared = planner.shared(id);
      if (shared.secret() != null && shared.host() == Organization.CENTRAL) {
        lines.secret(shared.secret());
      }
    }

    int npm = 0;
    int others = 0;
    int central = 0;
    int projectLocations = 0;
    Set<String> failingSecrets = new HashSet<>();
    Set<String> locations = new HashSet<>();
    int[] tally = new int[FaultKind.values().length];
    for (int p = 1; p < org.projects(); p++) {
      ProjectPlan plan = planner.plan(p);
      lines.project(p, plan.policy());
      for (SecretPlan s : plan.secrets()) {
        lines.secret(s);
      }
      locations.clear();
      for (RepoPlan repo : plan.repositories()) {
        lines.repository(p, repo);
        if (!repo.audited()) {
          others++;
          continue;
        }
        npm++;
        locations.add(repo.location());
        if (repo.centralSecret()) {
          central++;
        }
        if (repo.fault() != null) {
          tally[repo.fault().ordinal()]++;
        }
        if (repo.checkedSecret() != null) {
          failingSecrets.add(repo.checkedSecret());
        }
      }
      projectLocations += locations.size();
    }
    lines.flush();

    Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    SortedMap<String, Integer> expected = new TreeMap<>();
    RULES.forEach(rule -> expected.put(rule, 0));
    expected.put(FleetSummary.AUDITED, npm);
    for (FaultKind kind : FaultKind.values()) {
      int n = tally[kind.ordinal()];
      faults.put(kind, n);
      kind.findings().forEach(rule -> expected.merge(rule, n, Integer::sum));
      if (n != FaultKind.perKind(spec.repos())) { // the plan lost or invented a fault: a bug here, not a fleet
        throw new IllegalStateException(kind + ": planted " + FaultKind.perKind(spec.repos()) + ", wrote " + n);
      }
    }
    if (npm != spec.repos()) {
      throw new IllegalStateException("wrote " + npm + " npm remotes, asked for " + spec.repos());
    }
    return new FleetSummary(spec, lines.lines, counting.count, npm, others, org.projects(), org.folders(),
        lines.secrets, lines.versions, lines.policies, central, projectLocations, failingSecrets.size(),
        Collections.unmodifiableMap(faults),
        Collections.unmodifiableSortedMap(expected));
  }

  /** Counts what passes through (chars; the fleet is ASCII, so bytes too). */
  private static final class CountingWriter extends Writer {
    private final Writer out;
    long count;

    CountingWriter(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      out.write(buf, off, len);
      count += len;
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      out.write(s, off, len);
      count += len;
    }

    @Override
    public void write(int c) throws IOException {
      out.write(c);
      count++;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
