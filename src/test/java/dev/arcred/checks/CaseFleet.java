package dev.arcred.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arcred.model.AttachedPolicy;
import dev.arcred.model.Binding;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Lookup;
import dev.arcred.model.Repository;
import dev.arcred.model.RoleCatalog;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretRef;
import dev.arcred.model.SecretVersionInfo;
import dev.arcred.model.VersionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field case's fleet.ndjson read into ChainFacts as a faithful inventory would read the organization: a stand-in
 * for the inventory, so that the rules can be held to the cases' expectations without a server. Tests only.
 */
final class CaseFleet {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> projectNumbers = new HashMap<>();
  private final Map<String, List<Binding>> policies = new HashMap<>();
  private final Map<String, JsonNode> secrets = new HashMap<>();
  private final Map<String, List<SecretVersionInfo>> versions = new HashMap<>();
  private final Map<String, Set<String>> customRoles = new HashMap<>();
  private final List<JsonNode> repositories = new ArrayList<>();

  private CaseFleet(Path fleet) throws IOException {
    for (String line : Files.readAllLines(fleet)) {
      if (!line.isBlank()) {
        add(JSON.readTree(line));
      }
    }
  }

  /** The chains of the fleet's npm remote repositories. */
  static List<ChainFacts> npmRemotes(Path fleet) throws IOException {
    CaseFleet read = new CaseFleet(fleet);
    return read.repositories.stream().map(read::chain).toList();
  }

  private void add(JsonNode asset) {
    String name = asset.path("name").asText().replaceFirst("^//[^/]+/", "");
    JsonNode data = asset.path("resource").path("data");
    if (asset.has("iamPolicy")) {
      List<Binding> bindings = new ArrayList<>();
      for (JsonNode b : asset.path("iamPolicy").path("bindings")) {
        List<String> members = new ArrayList<>();
        b.path("members").forEach(m -> members.add(m.asText()));
        JsonNode condition = b.path("condition");
        String title = condition.isMissingNode() ? null
            : condition.path("title").asText(condition.path("expression").asText());
        bindings.add(new Binding(b.path("role").asText(), members, title));
      }
      policies.put(name, bindings);
      return;
    }
    switch (asset.path("assetType").asText()) {
      case "cloudresourcemanager.googleapis.com/Project" ->
          projectNumbers.put(data.path("projectId").asText(), data.path("projectNumber").asText());
      case "secretmanager.googleapis.com/Secret" -> secrets.put(name, asset);
      case "secretmanager.googleapis.com/SecretVersion" -> versions
          .computeIfAbsent(name.substring(0, name.indexOf("/versions/")), k -> new ArrayList<>())
          .add(new SecretVersionInfo(Long.parseLong(name.substring(name.lastIndexOf('/') + 1)),
              VersionState.valueOf(data.path("state").asText()), instant(data.path("scheduledDestroyTime"))));
      case "iam.googleapis.com/Role" -> {
        Set<String> permissions = new java.util.HashSet<>();
        data.path("includedPermissions").forEach(p -> permissions.add(p.asText()));
        customRoles.put(data.path("name").asText(), permissions);
      }
      case "artifactregistry.googleapis.com/Repository" -> {
        if (data.path("format").asText().equals("NPM") && data.path("mode").asText().equals("REMOTE_REPOSITORY")) {
          repositories.add(asset);
        }
      }
      default -> { }
    }
  }

  private ChainFacts chain(JsonNode asset) {
    JsonNode data = asset.path("resource").path("data");
    String[] name = data.path("name").asText().split("/");
    List<String> ancestors = strings(asset.path("ancestors"));
    JsonNode config = data.path("remoteRepositoryConfig");
    Repository repository = new Repository(data.path("name").asText(), name[1],
        ancestors.get(0).substring("projects/".length()), name[3], name[5], "NPM", "REMOTE_REPOSITORY",
        config.path("npmRepository").path("publicRepository").asText(
            config.path("npmRepository").path("customRepository").path("uri").asText(
                config.path("commonRepository").path("uri").asText())),
        ancestors);
    JsonNode pair = config.path("upstreamCredentials").path("usernamePasswordCredentials");
    Credentials credentials = new Credentials(text(pair.path("username")), text(pair.path("passwordSecretVersion")));
    RoleCatalog roles = new RoleCatalog(customRoles);
    SecretRef ref = SecretRef.parse(credentials.passwordSecretVersion()).orElse(null);
    if (ref == null) {
      return new ChainFacts(repository, Lookup.found(credentials), Lookup.skipped(), Lookup.skipped(), roles);
    }
    // project identity: Secret Manager names the secret by number, the reference may use the ID
    String number = ref.projectIsNumber() ? ref.project() : projectNumbers.get(ref.project());
    String secretName = "projects/" + number + "/secrets/" + ref.secret();
    JsonNode secret = secrets.get(secretName);
    if (secret == null) {
      return new ChainFacts(repository, Lookup.found(credentials), Lookup.missing("NOT_FOUND: " + secretName),
          Lookup.skipped(), roles);
    }
    JsonNode secretData = secret.path("resource").path("data");
    Map<String, Long> aliases = new HashMap<>();
    secretData.path("versionAliases").fields().forEachRemaining(e -> aliases.put(e.getKey(), e.getValue().asLong()));
    List<String> secretAncestors = strings(secret.path("ancestors"));
    SecretInfo info = new SecretInfo(secretName, number, ref.secret(), instant(secretData.path("expireTime")), aliases,
        versions.getOrDefault(secretName, List.of()), secretAncestors);
    List<AttachedPolicy> effective = new ArrayList<>();
    effective.add(AttachedPolicy.of(secretName, policies.getOrDefault(secretName, List.of())));
    secretAncestors.forEach(a -> effective.add(AttachedPolicy.of(a, policies.getOrDefault(a, List.of()))));
    return new ChainFacts(repository, Lookup.found(credentials), Lookup.found(info),
        Lookup.found(new EffectivePolicy(effective)), roles);
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static Instant instant(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
