package dev.arcred.emulator.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes Cloud Asset lines (FLEET-FORMAT.md) in the shapes of the field cases: {@code name}, {@code assetType},
 * then {@code resource} ({@code version}, {@code data}, {@code parent}, {@code location}) or {@code iamPolicy},
 * then {@code ancestors}, nearest first. Plain ASCII (anything else is escaped), one line per asset.
 */
final class AssetLines {
  static final String CRM = "//cloudresourcemanager.googleapis.com/";
  static final String SM = "//secretmanager.googleapis.com/";
  static final String AR = "//artifactregistry.googleapis.com/";
  static final String IAM = "//iam.googleapis.com/";
  static final String ORGANIZATION = "cloudresourcemanager.googleapis.com/Organization";
  static final String FOLDER = "cloudresourcemanager.googleapis.com/Folder";
  static final String PROJECT = "cloudresourcemanager.googleapis.com/Project";
  static final String ROLE = "iam.googleapis.com/Role";
  static final String SECRET = "secretmanager.googleapis.com/Secret";
  static final String SECRET_VERSION = "secretmanager.googleapis.com/SecretVersion";
  static final String REPOSITORY = "artifactregistry.googleapis.com/Repository";

  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Organization org;
  private final JsonGenerator json;
  long lines;
  long secrets;
  long versions;
  long policies;

  AssetLines(Organization org, Writer out) throws IOException {
    this.org = org;
    this.json = MAPPER.createGenerator(out);
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    json.setRootValueSeparator(null);
  }

  void flush() throws IOException {
    json.flush();
  }

  private void write(ObjectNode line) throws IOException {
    MAPPER.writeTree(json, line);
    json.writeRaw('\n');
    lines++;
  }

  private static ObjectNode asset(String name, String type) {
    ObjectNode line = F.objectNode();
    line.put("name", name);
    line.put("assetType", type);
    return line;
  }

  private static ObjectNode resource(ObjectNode line, ObjectNode data, String parent, String location) {
    ObjectNode resource = line.putObject("resource");
    resource.put("version", "v1");
    resource.set("data", data);
    if (parent != null) {
      resource.put("parent", parent);
    }
    if (location != null) {
      resource.put("location", location);
    }
    return resource;
  }

  private static void ancestors(ObjectNode line, List<String> ancestors) {
    ArrayNode a = line.putArray("ancestors");
    ancestors.forEach(a::add);
  }

  /** The policy's own line; none for an empty policy (FLEET-FORMAT.md: no line means an empty policy). */
  void policy(String name, String type, List<Binding> bindings, List<String> ancestors) throws IOException {
    if (bindings.isEmpty()) {
      return;
    }
    ObjectNode line = asset(name, type);
    ObjectNode policy = line.putObject("iamPolicy");
    policy.put("version", 3);
    ArrayNode out = policy.putArray("bindings");
    for (Binding b : bindings) {
      ObjectNode binding = out.addObject();
      binding.put("role", b.role());
      ArrayNode members = binding.putArray("members");
      b.members().forEach(members::add);
      if (b.condition() != null) {
        ObjectNode condition = binding.putObject("condition");
        condition.put("title", b.condition().title());
        if (b.condition().description() != null) {
          condition.put("description", b.condition().description());
        }
        condition.put("expression", b.condition().expression());
      }
    }
    ancestors(line, ancestors);
    write(line);
    policies++;
  }

  void organization(List<Binding> policy) throws IOException {
    String name = CRM + Organization.NAME;
    ObjectNode line = asset(name, ORGANIZATION);
    ObjectNode data = F.objectNode()
        .put("name", Organization.NAME)
        .put("displayName", Organization.DOMAIN)
        .put("lifecycleState", "ACTIVE");
    resource(line, data, null, null);
    ancestors(line, List.of(Organization.NAME));
    write(line);
    policy(name, ORGANIZATION, policy, List.of(Organization.NAME));
  }

  /** A custom role on the organization ({@code project} = -1) or on a project. */
  void role(int project, String role, String title, String description, List<String> permissions) throws IOException {
    ObjectNode line = asset(IAM + role, ROLE);
    ObjectNode data = F.objectNode().put("name", role).put("title", title).put("description", description);
    ArrayNode included = data.putArray("includedPermissions");
    permissions.forEach(included::add);
    data.put("stage", "GA");
    boolean onOrg = project < 0;
    resource(line, data, onOrg ? CRM + Organization.NAME : CRM + "projects/" + org.projectNumber(project), null);
    ancestors(line, onOrg ? List.of(Organization.NAME) : org.projectAncestors(project));
    write(line);
  }

  void folder(int folder, List<Binding> policy) throws IOException {
    String id = "folders/" + org.folderNumber(folder);
    ObjectNode line = asset(CRM + id, FOLDER);
    ObjectNode data = F.objectNode()
        .put("name", id)
        .put("displayName", org.folderName(folder))
        .put("parent", org.folderParentName(folder))
        .put("lifecycleState", "ACTIVE");
    resource(line, data, CRM + org.folderParentName(folder), null);
    List<String> ancestors = org.folderAncestors(folder);
    ancestors(line, ancestors);
    write(line);
    policy(CRM + id, FOLDER, policy, ancestors);
  }

  void project(int p, List<Binding> policy) throws IOException {
    String name = CRM + "projects/" + org.projectNumber(p);
    ObjectNode line = asset(name, PROJECT);
    ObjectNode data = F.objectNode()
        .put("projectNumber", org.projectNumber(p))
        .put("projectId", org.projectId(p))
        .put("name", org.projectId(p))
        .put("lifecycleState", "ACTIVE");
    String parent = org.projectParentName(p);
    data.putObject("parent").put("type", parent.startsWith("folders/") ? "folder" : "organization")
        .put("id", parent.substring(parent.indexOf('/') + 1));
    data.putObject("labels").put("env", org.env(p));
    resource(line, data, CRM + parent, null);
    List<String> ancestors = org.projectAncestors(p);
    ancestors(line, ancestors);
    write(line);
    policy(name, PROJECT, policy, ancestors);
  }

  /** The secret, its policy and its versions; named by project number, as Secret Manager names them. */
  void secret(SecretPlan s) throws IOException {
    String projectName = "projects/" + org.projectNumber(s.project);
    String id = projectName + "/secrets/" + s.id;
    List<String> ancestors = org.projectAncestors(s.project);
    ObjectNode line = asset(SM + id, SECRET);
    ObjectNode data = F.objectNode().put("name", id);
    ObjectNode replication = data.putObject("replication");
    if (s.userManaged) {
      ArrayNode replicas = replication.putObject("userManaged").putArray("replicas");
      for (String region : List.of("us-central1", "europe-west1", "asia-east1")) {
        replicas.addObject().put("location", region);
      }
    } else {
      replication.putObject("automatic");
    }
    data.put("createTime", time(s.created));
    if (!s.labels.isEmpty()) {
      ObjectNode labels = data.putObject("labels");
      s.labels.forEach(labels::put);
    }
    if (s.expires != null) {
      data.put("expireTime", time(s.expires));
    }
    if (!s.aliases.isEmpty()) {
      ObjectNode aliases = data.putObject("versionAliases");
      s.aliases.forEach((alias, version) -> aliases.put(alias, String.valueOf(version)));
    }
    if (s.destroyTtl != null) {
      data.put("versionDestroyTtl", s.destroyTtl);
    }
    resource(line, data, CRM + projectName, null);
    ancestors(line, ancestors);
    write(line);
    secrets++;
    policy(SM + id, SECRET, s.policy, ancestors);
    for (SecretPlan.Version v : s.versions) {
      String version = id + "/versions/" + v.number();
      ObjectNode vline = asset(SM + version, SECRET_VERSION);
      ObjectNode vdata = F.objectNode().put("name", version).put("state", v.state()).put("createTime", time(v.created()));
      if (v.destroyed() != null) {
        vdata.put("destroyTime", time(v.destroyed()));
      }
      if (v.scheduledDestroy() != null) {
        vdata.put("scheduledDestroyTime", time(v.scheduledDestroy()));
      }
      resource(vline, vdata, SM + id, null);
      ancestors(vline, ancestors);
      write(vline);
      versions++;
    }
  }

  /** The repository in full, as the Artifact Registry API returns it (named by project ID). */
  void repository(int p, RepoPlan repo) throws IOException {
    String pid = org.projectId(p);
    String id = "projects/" + pid + "/locations/" + repo.location() + "/repositories/" + repo.id();
    ObjectNode line = asset(AR + id, REPOSITORY);
    ObjectNode data = F.objectNode()
        .put("name", id)
        .put("format", repo.format())
        .put("mode", repo.mode())
        .put("description", repo.description());
    ObjectNode labels = data.putObject("labels");
    repo.labels().forEach(labels::put);
    data.put("createTime", time(repo.created()))
        .put("updateTime", time(repo.updated()))
        .put("sizeBytes", String.valueOf(repo.sizeBytes()))
        .put("registryUri", repo.location() + "-" + host(repo.format()) + ".pkg.dev/" + pid + "/" + repo.id());
    if (repo.config() != null) {
      data.set(repo.configKey(), repo.config());
    }
    resource(line, data, CRM + "projects/" + org.projectNumber(p), repo.location());
    ancestors(line, org.projectAncestors(p));
    write(line);
  }

  private static String host(String format) {
    return switch (format) {
      case "NPM" -> "npm";
      case "DOCKER" -> "docker";
      case "MAVEN" -> "maven";
      case "PYTHON" -> "python";
      default -> format.toLowerCase(java.util.Locale.ROOT);
    };
  }

  static String time(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
