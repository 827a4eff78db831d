package dev.arcred.emulator.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet file read back without the generator's help, and the findings it implies by an independent reading of
 * RULES.md (a port of app/demo/check_demo_fleet.py). Small fleets only: it holds the whole file.
 */
final class FleetReading {
  static final Pattern REFERENCE = Pattern.compile(
      "projects/([a-z0-9][a-z0-9.:-]{0,62}[a-z0-9]|[0-9]+)/secrets/([A-Za-z0-9_-]{1,255})"
          + "/versions/([1-9][0-9]*|[A-Za-z][A-Za-z0-9_-]*)");
  static final Set<String> PREDEFINED_GRANTING =
      Set.of("roles/secretmanager.secretAccessor", "roles/secretmanager.admin", "roles/owner");
  static final Set<String> PUBLIC = Set.of("allUsers", "allAuthenticatedUsers");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final List<JsonNode> lines = new ArrayList<>();
  String org;
  final Map<String, String> folderParents = new LinkedHashMap<>(); // folders/F -> folders/G | organizations/O
  final Map<String, JsonNode> projects = new LinkedHashMap<>(); // number -> data
  final Map<String, String> ids = new HashMap<>(); // project ID -> number
  final Map<String, JsonNode> policies = new HashMap<>(); // resource name -> bindings
  final Map<String, Set<String>> roles = new HashMap<>();
  final Map<String, JsonNode> secrets = new HashMap<>();
  final Map<String, Map<Integer, JsonNode>> versions = new HashMap<>();
  final List<JsonNode> repositories = new ArrayList<>(); // Asset lines
  /** Filled by {@link #audit}: repository name -> the secret its reference names (projects/NUMBER/secrets/ID). */
  final Map<String, String> referencedSecrets = new HashMap<>();

  static FleetReading of(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      return read(in);
    }
  }

  static FleetReading of(String text) throws IOException {
    return read(new BufferedReader(new StringReader(text)));
  }

  private static FleetReading read(BufferedReader in) throws IOException {
    FleetReading fleet = new FleetReading();
    for (String text = in.readLine(); text != null; text = in.readLine()) {
      fleet.lines.add(MAPPER.readTree(text));
    }
    fleet.lines.forEach(fleet::index);
    return fleet;
  }

  /** The resource name of an asset name: {@code //service/NAME} gives NAME. */
  static String resourceName(String assetName) {
    return assetName.substring(assetName.indexOf('/', 2) + 1);
  }

  private void index(JsonNode line) {
    String type = line.path("assetType").asText();
    String name = resourceName(line.path("name").asText());
    if (line.has("iamPolicy")) {
      policies.put(name, line.path("iamPolicy").path("bindings"));
      return;
    }
    JsonNode data = line.path("resource").path("data");
    switch (type) {
      case "cloudresourcemanager.googleapis.com/Organization" -> org = data.path("name").asText();
      case "cloudresourcemanager.googleapis.com/Folder" ->
          folderParents.put(data.path("name").asText(), data.path("parent").asText());
      case "cloudresourcemanager.googleapis.com/Project" -> {
        projects.put(data.path("projectNumber").asText(), data);
        ids.put(data.path("projectId").asText(), data.path("projectNumber").asText());
      }
      case "iam.googleapis.com/Role" -> {
        Set<String> permissions = new HashSet<>();
        data.path("includedPermissions").forEach(p -> permissions.add(p.asText()));
        roles.put(data.path("name").asText(), permissions);
      }
      case "secretmanager.googleapis.com/Secret" -> secrets.put(data.path("name").asText(), data);
      case "secretmanager.googleapis.com/SecretVersion" -> {
        String version = data.path("name").asText();
        int at = version.lastIndexOf("/versions/");
        versions.computeIfAbsent(version.substring(0, at), k -> new HashMap<>())
            .put(Integer.parseInt(version.substring(at + "/versions/".length())), data);
      }
      case "artifactregistry.googleapis.com/Repository" -> repositories.add(line);
      default -> throw new IllegalStateException("unexpected assetType " + type);
    }
  }

  /** Ancestors of a project, from the folder and project lines: nearest first, ending with the organization. */
  List<String> projectAncestors(String number) {
    List<String> out = new ArrayList<>();
    out.add("projects/" + number);
    JsonNode parent = projects.get(number).path("parent");
    String p = parent.path("type").asText() + "s/" + parent.path("id").asText();
    while (p.startsWith("folders/")) {
      out.add(p);
      p = folderParents.get(p);
    }
    out.add(p);
    return out;
  }

  static boolean isNpmRemote(JsonNode data) {
    return data.path("format").asText().equals("NPM") && data.path("mode").asText().equals("REMOTE_REPOSITORY");
  }

  static JsonNode credentials(JsonNode data) {
    return data.path("remoteRepositoryConfig").path("upstreamCredentials").path("usernamePasswordCredentials");
  }

  private static boolean set(JsonNode value) {
    return value.isTextual() && !value.asText().isBlank();
  }

  /** Repository name -> the rules it must raise at {@code now}, for every npm remote (sorted). */
  Map<String, Set<String>> audit(Instant now) {
    Map<String, Set<String>> result = new TreeMap<>();
    for (JsonNode line : repositories) {
      JsonNode data = line.path("resource").path("data");
      if (!isNpmRemote(data)) {
        continue;
      }
      Set<String> found = new HashSet<>();
      result.put(data.path("name").asText(), found);
      String repoProject = ids.get(data.path("name").asText().split("/")[1]);
      JsonNode creds = credentials(data);
      JsonNode username = creds.path("username");
      JsonNode reference = creds.path("passwordSecretVersion");
      if (!set(username) && !set(reference)) {
        found.add("CREDENTIALS_MISSING");
      } else if (!set(username) || !set(reference)) {
        found.add("CREDENTIALS_INCOMPLETE");
      }
      if (!set(reference)) {
        continue;
      }
      Matcher m = REFERENCE.matcher(reference.asText().strip());
      if (!m.matches()) {
        found.add("SECRET_REFERENCE_INVALID");
        continue;
      }
      String project = m.group(1);
      String number = project.chars().allMatch(Character::isDigit) ? project : ids.get(project);
      String secretName = "projects/" + number + "/secrets/" + m.group(2);
      referencedSecrets.put(data.path("name").asText(), secretName);
      JsonNode secret = secrets.get(secretName);
      if (secret == null) {
        found.add("SECRET_NOT_FOUND");
        continue;
      }
      Map<Integer, JsonNode> known = versions.getOrDefault(secretName, Map.of());
      String version = m.group(3);
      boolean pinned = Character.isDigit(version.charAt(0));
      Integer resolved;
      if (pinned) {
        resolved = Integer.valueOf(version);
      } else {
        found.add("SECRET_VERSION_FLOATING");
        if (version.equals("latest")) {
          resolved = known.keySet().stream().max(Integer::compare).orElse(null);
        } else {
          JsonNode alias = secret.path("versionAliases").path(version);
          resolved = alias.isMissingNode() ? null : Integer.valueOf(alias.asText());
        }
      }
      JsonNode v = resolved == null ? null : known.get(resolved);
      if (v == null) {
        found.add("SECRET_VERSION_NOT_FOUND");
      } else {
        String state = v.path("state").asText();
        if (state.equals("DISABLED")) {
          found.add("SECRET_VERSION_DISABLED");
        }
        if (state.equals("DESTROYED")) {
          found.add("SECRET_VERSION_DESTROYED");
        }
        if (v.has("scheduledDestroyTime") && !state.equals("DESTROYED")) {
          found.add("SECRET_VERSION_DESTROY_SCHEDULED");
        }
        int r = resolved;
        if (pinned && state.equals("ENABLED") && known.entrySet().stream()
            .anyMatch(e -> e.getKey() > r && e.getValue().path("state").asText().equals("ENABLED"))) {
          found.add("SECRET_VERSION_SUPERSEDED");
        }
      }
      if (secret.has("expireTime")
          && !Instant.parse(secret.path("expireTime").asText()).isAfter(now.plus(Duration.ofDays(30)))) {
        found.add("SECRET_EXPIRING");
      }
      String agent = "serviceAccount:service-" + repoProject + "@gcp-sa-artifactregistry.iam.gserviceaccount.com";
      boolean granted = false;
      boolean unconditional = false;
      boolean broad = false;
      List<String> levels = new ArrayList<>();
      levels.add(secretName);
      levels.addAll(projectAncestors(number));
      for (int i = 0; i < levels.size(); i++) {
        for (JsonNode b : policies.getOrDefault(levels.get(i), MAPPER.createArrayNode())) {
          if (!granting(b.path("role").asText())) {
            continue;
          }
          Set<String> members = new HashSet<>();
          b.path("members").forEach(x -> members.add(x.asText()));
          if (members.stream().anyMatch(PUBLIC::contains)) {
            found.add("SECRET_PUBLIC");
          }
          if (members.contains(agent)) {
            granted = true;
            unconditional |= !b.has("condition");
            broad |= i > 0;
          }
        }
      }
      if (!granted) {
        found.add("SERVICE_AGENT_NO_ACCESS");
      } else if (!unconditional) {
        found.add("SERVICE_AGENT_CONDITIONAL_ACCESS");
      }
      if (broad) {
        found.add("SERVICE_AGENT_BROAD_ACCESS");
      }
    }
    return result;
  }

  /** The rules about the credentials themselves: an audit reports them without reading any secret. */
  static final Set<String> CREDENTIAL_RULES =
      Set.of("CREDENTIALS_MISSING", "CREDENTIALS_INCOMPLETE", "SECRET_REFERENCE_INVALID");

  /**
   * Secret -> the repositories whose chain through it fails a check of the secret, its versions or its access
   * (what an audit confirms with Secret Manager, once per secret), from the findings of {@link #audit}.
   */
  Map<String, List<String>> failingSecrets(Map<String, Set<String>> findings) {
    Map<String, List<String>> out = new TreeMap<>();
    findings.forEach((repo, rules) -> {
      if (rules.stream().anyMatch(rule -> !CREDENTIAL_RULES.contains(rule))) {
        out.computeIfAbsent(referencedSecrets.get(repo), k -> new ArrayList<>()).add(repo);
      }
    });
    return out;
  }

  private boolean granting(String role) {
    return PREDEFINED_GRANTING.contains(role) || roles.getOrDefault(role, Set.of()).contains("secretmanager.versions.access");
  }

  /** rule -> how many repositories raise it, plus AUDITED. */
  static Map<String, Integer> counts(Map<String, Set<String>> findings) {
    Map<String, Integer> out = new TreeMap<>();
    findings.values().forEach(rules -> rules.forEach(r -> out.merge(r, 1, Integer::sum)));
    out.put("AUDITED", findings.size());
    return out;
  }
}
