package dev.arcred.emulator;

import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.Resource;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.iam.v1.Policy;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The organization the emulator serves, built from a {@link Fleet}: its hierarchy, projects (ID and number are two
 * names of one project, always), repositories, secrets, secret versions, custom roles and IAM allow policies, each
 * with its ancestors. Thread-safe: reads share a lock, writes ({@link #replaceIamPolicy}, {@link #updateRepository})
 * take it alone, so that a read-modify-write such as an etag check is atomic.
 *
 * <p>Names follow the owning API's convention: repositories use the project ID, secrets and versions the project
 * number, Cloud Resource Manager the number. Every lookup accepts either project form.
 */
public final class FleetState {
  public static final String ORGANIZATION = "cloudresourcemanager.googleapis.com/Organization";
  public static final String FOLDER = "cloudresourcemanager.googleapis.com/Folder";
  public static final String PROJECT = "cloudresourcemanager.googleapis.com/Project";
  public static final String REPOSITORY = "artifactregistry.googleapis.com/Repository";
  public static final String SECRET = "secretmanager.googleapis.com/Secret";
  public static final String SECRET_VERSION = "secretmanager.googleapis.com/SecretVersion";
  public static final String ROLE = "iam.googleapis.com/Role";

  static final String CRM = "//cloudresourcemanager.googleapis.com/";
  static final String AR = "//artifactregistry.googleapis.com/";
  static final String SM = "//secretmanager.googleapis.com/";

  private static final Pattern FULL_NAME_IN_PROJECT = Pattern.compile("^//([^/]+)/projects/([^/]+)(/.*)?$");
  private static final Pattern REPOSITORY_NAME =
      Pattern.compile("^projects/([^/]+)/locations/([^/]+)/repositories/([^/]+)$");
  private static final Pattern SECRET_NAME = Pattern.compile("^projects/([^/]+)/secrets/([^/]+)$");
  private static final Pattern VERSION_NAME = Pattern.compile("^projects/([^/]+)/secrets/([^/]+)/versions/([^/]+)$");
  private static final Pattern POSITIVE = Pattern.compile("^[1-9][0-9]{0,18}$");

  /** A project: its ID, its number, and its ancestors nearest first (itself, folders..., the organization). */
  public record Project(String id, String number, List<String> ancestors) {
    public Project {
      ancestors = List.copyOf(ancestors);
    }

    /** {@code projects/{number}}, as Cloud Resource Manager and Cloud Asset name it. */
    public String name() {
      return "projects/" + number;
    }

    public String fullResourceName() {
      return CRM + name();
    }
  }

  /** One resource of the organization: its resource asset (never null once built) and its allow policy, if set. */
  private static final class Node {
    final String fullName;
    final String assetType;
    final int order;
    Asset resource;
    List<String> ancestors = List.of();
    Policy policy;
    long policyRevision;

    Node(String fullName, String assetType, int order) {
      this.fullName = fullName;
      this.assetType = assetType;
      this.order = order;
    }
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String source;
  private final String organization;
  private final Map<String, Project> projectsByNumber = new TreeMap<>();
  private final Map<String, String> numberById = new HashMap<>();
  private final TreeMap<String, Node> nodes = new TreeMap<>();
  private final TreeMap<String, Repository> repositories = new TreeMap<>();
  private final TreeMap<String, Secret> secrets = new TreeMap<>();
  private final Map<String, TreeMap<Long, SecretVersion>> versions = new HashMap<>();

  private FleetState(String source, String organization) {
    this.source = source;
    this.organization = organization;
  }

  /** Builds the organization; a line that contradicts the rest of the fleet is a {@link FleetException}. */
  public static FleetState of(Fleet fleet) throws FleetException {
    return new Loader(fleet).load();
  }

  /** Loads a fleet file and builds its organization. */
  public static FleetState load(Path file) throws FleetException {
    return of(Fleet.load(file));
  }

  /** Parses fleet text (tests) and builds its organization. */
  public static FleetState parse(String source, String text) throws FleetException {
    return of(Fleet.parse(source, text));
  }

  // ---------------------------------------------------------------- reads

  /** The fleet's file name (or label), for messages. */
  public String source() {
    return source;
  }

  /** {@code organizations/N}. */
  public String organization() {
    return organization;
  }

  public List<Project> projects() {
    return read(() -> List.copyOf(projectsByNumber.values()));
  }

  /** A project by ID or number, bare or as {@code projects/X}. */
  public Optional<Project> project(String idOrNumber) {
    String key = idOrNumber.startsWith("projects/") ? idOrNumber.substring("projects/".length()) : idOrNumber;
    return read(() -> Optional.ofNullable(projectLocked(key)));
  }

  /** {@code folders/N} of every folder, sorted. */
  public List<String> folders() {
    return read(() -> nodes.values().stream().filter(n -> n.assetType.equals(FOLDER))
        .map(n -> n.fullName.substring(CRM.length())).toList());
  }

  /** A repository by name, with the project in either form; answered with the project ID. */
  public Optional<Repository> repository(String name) {
    return read(() -> canonicalRepositoryName(name).map(repositories::get));
  }

  /** The repositories of one project (either form) and location, sorted by name. */
  public List<Repository> repositories(String project, String location) {
    return read(() -> {
      Project p = projectLocked(project);
      if (p == null) {
        return List.of();
      }
      String prefix = "projects/" + p.id() + "/locations/" + location + "/repositories/";
      return List.copyOf(repositories.subMap(prefix, prefix + Character.MAX_VALUE).values());
    });
  }

  /** Every repository, sorted by name. */
  public List<Repository> repositories() {
    return read(() -> List.copyOf(repositories.values()));
  }

  /** A secret by name, with the project in either form; answered with the project number. */
  public Optional<Secret> secret(String name) {
    return read(() -> canonicalSecretName(name).map(secrets::get));
  }

  /** The secrets of one project (either form), sorted by name. */
  public List<Secret> secrets(String project) {
    return read(() -> {
      Project p = projectLocked(project);
      if (p == null) {
        return List.of();
      }
      String prefix = "projects/" + p.number() + "/secrets/";
      return List.copyOf(secrets.subMap(prefix, prefix + Character.MAX_VALUE).values());
    });
  }

  /** A version by its number (aliases are resolved by the caller through {@link #secretVersions}). */
  public Optional<SecretVersion> secretVersion(String name) {
    Matcher m = VERSION_NAME.matcher(name);
    if (!m.matches() || !POSITIVE.matcher(m.group(3)).matches()) {
      return Optional.empty();
    }
    return read(() -> canonicalSecretName("projects/" + m.group(1) + "/secrets/" + m.group(2))
        .map(versions::get).map(v -> v.get(Long.parseLong(m.group(3)))));
  }

  /** The versions of a secret (either project form), oldest first; empty when the secret does not exist. */
  public List<SecretVersion> secretVersions(String secretName) {
    return read(() -> canonicalSecretName(secretName).map(versions::get)
        .<List<SecretVersion>>map(v -> List.copyOf(v.values())).orElse(List.of()));
  }

  /**
   * The canonical full resource name of an existing resource, given with the project in either form
   * ({@code //secretmanager.googleapis.com/projects/team-a/secrets/s} gives {@code .../projects/300000000001/...}).
   */
  public Optional<String> canonicalFullName(String fullResourceName) {
    return read(() -> Optional.ofNullable(nodeLocked(fullResourceName)).map(n -> n.fullName));
  }

  /** The asset type of an existing resource. */
  public Optional<String> assetType(String fullResourceName) {
    return read(() -> Optional.ofNullable(nodeLocked(fullResourceName)).map(n -> n.assetType));
  }

  /** The ancestors of an existing resource, nearest first, ending with the organization. */
  public List<String> ancestors(String fullResourceName) {
    return read(() -> Optional.ofNullable(nodeLocked(fullResourceName)).map(n -> n.ancestors).orElse(List.of()));
  }

  /** The allow policy set on a resource (with its etag), or empty when none is set. */
  public Optional<Policy> iamPolicy(String fullResourceName) {
    return read(() -> Optional.ofNullable(nodeLocked(fullResourceName)).map(n -> n.policy));
  }

  /** The etag of a resource's policy, also when none is set (an empty policy has an etag too). */
  public Optional<ByteString> iamPolicyEtag(String fullResourceName) {
    return read(() -> Optional.ofNullable(nodeLocked(fullResourceName))
        .map(n -> n.policy != null ? n.policy.getEtag() : etag(Policy.getDefaultInstance(), n.policyRevision)));
  }

  /**
   * Every resource asset, sorted by full name, as the fleet holds it (repositories with their credentials: Cloud
   * Asset answers must redact them, see {@link AssetService}).
   */
  public List<Asset> resourceAssets() {
    return read(() -> nodes.values().stream().map(n -> n.resource).toList());
  }

  /** An asset of content type IAM_POLICY for every resource whose policy has bindings, sorted by full name. */
  public List<Asset> policyAssets() {
    return read(() -> nodes.values().stream()
        .filter(n -> n.policy != null && n.policy.getBindingsCount() > 0)
        .map(n -> Asset.newBuilder().setName(n.fullName).setAssetType(n.assetType).setIamPolicy(n.policy)
            .addAllAncestors(n.ancestors).build())
        .toList());
  }

  /** The resource asset of one resource (either project form). */
  public Optional<Asset> resourceAsset(String fullResourceName) {
    return read(() -> Optional.ofNullable(nodeLocked(fullResourceName)).map(n -> n.resource));
  }

  // ---------------------------------------------------------------- writes

  /**
   * Replaces a resource's allow policy atomically: {@code change} sees the current policy (an empty one with its
   * etag when none is set) and returns the new one, or throws to refuse (e.g. a stale etag); it runs under the write
   * lock. The stored policy gets a fresh etag; it is returned.
   *
   * @throws NoSuchElementException when the resource does not exist
   */
  public Policy replaceIamPolicy(String fullResourceName, UnaryOperator<Policy> change) {
    lock.writeLock().lock();
    try {
      Node node = nodeLocked(fullResourceName);
      if (node == null) {
        throw new NoSuchElementException(fullResourceName);
      }
      Policy current = node.policy != null ? node.policy : etagged(Policy.getDefaultInstance(), node.policyRevision);
      Policy next = change.apply(current);
      node.policyRevision++;
      node.policy = etagged(next, node.policyRevision);
      return node.policy;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Changes a repository atomically: {@code change} sees the current one and returns the new one (same name), under
   * the write lock. Its resource asset follows.
   *
   * @throws NoSuchElementException when the repository does not exist
   */
  public Repository updateRepository(String name, UnaryOperator<Repository> change) {
    lock.writeLock().lock();
    try {
      String canonical = canonicalRepositoryName(name).orElseThrow(() -> new NoSuchElementException(name));
      Repository current = repositories.get(canonical);
      Repository next = change.apply(current);
      if (!next.getName().equals(canonical)) {
        throw new IllegalArgumentException("a repository keeps its name: " + canonical + " -> " + next.getName());
      }
      repositories.put(canonical, next);
      Node node = nodes.get(AR + canonical);
      node.resource = node.resource.toBuilder()
          .setResource(node.resource.getResource().toBuilder().setData(structOf(next))).build();
      return next;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Writes the current state as a fleet file (FLEET-FORMAT.md): one resource line per resource in the original
   * order, each followed by its IAM policy line when the policy has bindings. Repositories keep their credentials.
   */
  public void toFleet(Writer out) throws IOException {
    JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    List<String> lines = read(() -> {
      List<Node> ordered = new ArrayList<>(nodes.values());
      ordered.sort(Comparator.comparingInt((Node n) -> n.order).thenComparing(n -> n.fullName));
      List<String> result = new ArrayList<>();
      try {
        for (Node n : ordered) {
          result.add(printer.print(n.resource));
          if (n.policy != null && n.policy.getBindingsCount() > 0) {
            result.add(printer.print(Asset.newBuilder().setName(n.fullName).setAssetType(n.assetType)
                .setIamPolicy(n.policy.toBuilder().clearEtag()).addAllAncestors(n.ancestors).build()));
          }
        }
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("printing an asset", e);
      }
      return result;
    });
    for (String line : lines) {
      out.write(line);
      out.write('\n');
    }
    out.flush();
  }

  // ---------------------------------------------------------------- internals (callers hold the lock)

  private <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private Project projectLocked(String idOrNumber) {
    String bare = idOrNumber.startsWith("projects/") ? idOrNumber.substring("projects/".length()) : idOrNumber;
    Project byNumber = projectsByNumber.get(bare);
    if (byNumber != null) {
      return byNumber;
    }
    String number = numberById.get(bare);
    return number == null ? null : projectsByNumber.get(number);
  }

  private Optional<String> canonicalRepositoryName(String name) {
    Matcher m = REPOSITORY_NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    Project p = projectLocked(m.group(1));
    if (p == null) {
      return Optional.empty();
    }
    String canonical = "projects/" + p.id() + "/locations/" + m.group(2) + "/repositories/" + m.group(3);
    return repositories.containsKey(canonical) ? Optional.of(canonical) : Optional.empty();
  }

  private Optional<String> canonicalSecretName(String name) {
    Matcher m = SECRET_NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    Project p = projectLocked(m.group(1));
    if (p == null) {
      return Optional.empty();
    }
    String canonical = "projects/" + p.number() + "/secrets/" + m.group(2);
    return secrets.containsKey(canonical) ? Optional.of(canonical) : Optional.empty();
  }

  /** The node of a full resource name with the project in either form (the owning API's form is tried first). */
  private Node nodeLocked(String fullName) {
    Node direct = nodes.get(fullName);
    if (direct != null) {
      return direct;
    }
    Matcher m = FULL_NAME_IN_PROJECT.matcher(fullName);
    if (!m.matches()) {
      return null;
    }
    Project p = projectLocked(m.group(2));
    if (p == null) {
      return null;
    }
    String rest = m.group(3) == null ? "" : m.group(3);
    Node byId = nodes.get("//" + m.group(1) + "/projects/" + p.id() + rest);
    return byId != null ? byId : nodes.get("//" + m.group(1) + "/projects/" + p.number() + rest);
  }

  static Policy etagged(Policy policy, long revision) {
    return policy.toBuilder().setEtag(etag(policy, revision)).build();
  }

  /** 8 bytes of SHA-256 over the revision and the content: changes with every write, even back to old content. */
  private static ByteString etag(Policy policy, long revision) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ByteBuffer.allocate(Long.BYTES).putLong(revision).array());
      sha.update(policy.toBuilder().clearEtag().build().toByteArray());
      return ByteString.copyFrom(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Struct structOf(Message message) {
    try {
      Struct.Builder struct = Struct.newBuilder();
      JsonFormat.parser().merge(JsonFormat.printer().print(message), struct);
      return struct.build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("converting " + message.getDescriptorForType().getFullName(), e);
    }
  }

  static String ancestorFullName(String ancestor) {
    return CRM + ancestor;
  }

  // ---------------------------------------------------------------- loading

  /** Builds a state from a fleet in passes: hierarchy and projects first, then every resource and policy. */
  private static final class Loader {
    private final Fleet fleet;
    private final String src;
    private FleetState state;

    Loader(Fleet fleet) {
      this.fleet = fleet;
      this.src = fleet.source();
    }

    FleetState load() throws FleetException {
      String org = null;
      for (Fleet.Entry e : fleet.entries()) {
        if (e.asset().getAssetType().equals(ORGANIZATION) && e.asset().hasResource()) {
          String name = e.asset().getName();
          if (!name.startsWith(CRM + "organizations/")) {
            throw FleetException.at(src, e.line(), "an Organization is named " + CRM + "organizations/N, not " + name);
          }
          if (org != null) {
            throw FleetException.at(src, e.line(), "a second organization (" + name + "): a fleet is one organization");
          }
          org = name.substring(CRM.length());
        }
      }
      if (org == null) {
        throw new FleetException(src + ": no line of assetType " + ORGANIZATION + ": a fleet is one organization");
      }
      state = new FleetState(src, org);
      for (Fleet.Entry e : fleet.entries()) {
        if (e.asset().getAssetType().equals(PROJECT) && e.asset().hasResource()) {
          addProject(e);
        }
      }
      for (Fleet.Entry e : fleet.entries()) {
        if (e.asset().hasResource()) {
          addResource(e);
        }
      }
      for (Fleet.Entry e : fleet.entries()) {
        if (e.asset().hasIamPolicy()) {
          addPolicy(e);
        } else if (!e.asset().hasResource()) {
          throw FleetException.at(src, e.line(), e.asset().getName() + " has neither a resource nor an iamPolicy");
        }
      }
      for (Fleet.Entry e : fleet.entries()) {
        if (e.asset().getAssetType().equals(SECRET_VERSION) && e.asset().hasResource()) {
          addVersion(e);
        }
      }
      return state;
    }

    private void addProject(Fleet.Entry e) throws FleetException {
      Struct data = e.asset().getResource().getData();
      String id = text(data, "projectId");
      String number = text(data, "projectNumber");
      if (id.isEmpty() || number.isEmpty()) {
        throw FleetException.at(src, e.line(), "a Project needs resource.data.projectId and projectNumber");
      }
      if (!number.matches("[0-9]+")) {
        throw FleetException.at(src, e.line(), "projectNumber is not a number: " + number);
      }
      if (!e.asset().getName().equals(CRM + "projects/" + number)) {
        throw FleetException.at(src, e.line(), "a Project's asset name uses its number: expected " + CRM
            + "projects/" + number + ", found " + e.asset().getName());
      }
      if (state.projectsByNumber.containsKey(number) || state.numberById.containsKey(id)) {
        throw FleetException.at(src, e.line(), "project " + id + " (" + number + ") appears twice");
      }
      List<String> ancestors = e.asset().getAncestorsList();
      if (ancestors.isEmpty()) {
        throw FleetException.at(src, e.line(), "project " + id + " has no ancestors");
      }
      state.projectsByNumber.put(number, new Project(id, number, ancestors));
      state.numberById.put(id, number);
    }

    private void addResource(Fleet.Entry e) throws FleetException {
      Asset asset = e.asset();
      String type = asset.getAssetType();
      String name = canonical(e, asset.getName());
      if (state.nodes.containsKey(name)) {
        throw FleetException.at(src, e.line(), "a second resource line for " + name);
      }
      Node node = new Node(name, type, e.line());
      Asset.Builder stored = asset.toBuilder().setName(name).clearIamPolicy();
      switch (type) {
        case REPOSITORY -> stored.setResource(addRepository(e, name));
        case SECRET -> stored.setResource(addSecret(e, name));
        case SECRET_VERSION -> {
          if (!name.startsWith(SM) || !VERSION_NAME.matcher(name.substring(SM.length())).matches()
              || !POSITIVE.matcher(name.substring(name.lastIndexOf('/') + 1)).matches()) {
            throw FleetException.at(src, e.line(),
                "a SecretVersion is named " + SM + "projects/P/secrets/S/versions/N (N a positive integer): " + name);
          }
        }
        default -> { }
      }
      node.ancestors = ancestors(e, name, type, asset.getAncestorsList());
      stored.clearAncestors().addAllAncestors(node.ancestors);
      node.resource = stored.build();
      state.nodes.put(name, node);
    }

    private Resource addRepository(Fleet.Entry e, String fullName) throws FleetException {
      Resource resource = e.asset().getResource();
      String name = fullName.substring(AR.length());
      Matcher m = REPOSITORY_NAME.matcher(name);
      if (!fullName.startsWith(AR) || !m.matches()) {
        throw FleetException.at(src, e.line(),
            "a Repository is named " + AR + "projects/P/locations/L/repositories/R, not " + e.asset().getName());
      }
      Repository.Builder repo = Repository.newBuilder();
      try {
        JsonFormat.parser().ignoringUnknownFields().merge(JsonFormat.printer().print(resource.getData()), repo);
      } catch (InvalidProtocolBufferException e2) {
        throw FleetException.at(src, e.line(), "resource.data is not an Artifact Registry Repository: "
            + e2.getMessage());
      }
      if (!repo.getName().isEmpty() && !canonicalData(repo.getName(), REPOSITORY_NAME, name, false)) {
        throw FleetException.at(src, e.line(), "resource.data.name " + repo.getName() + " is not " + name);
      }
      if (!resource.getLocation().isEmpty() && !resource.getLocation().equals(m.group(2))) {
        throw FleetException.at(src, e.line(), "resource.location " + resource.getLocation()
            + " differs from the location in the name (" + m.group(2) + ")");
      }
      repo.setName(name);
      state.repositories.put(name, repo.build());
      Resource.Builder out = resource.toBuilder().setData(withName(resource.getData(), name));
      if (out.getLocation().isEmpty()) {
        out.setLocation(m.group(2));
      }
      return out.build();
    }

    private Resource addSecret(Fleet.Entry e, String fullName) throws FleetException {
      Resource resource = e.asset().getResource();
      String name = fullName.substring(SM.length());
      if (!fullName.startsWith(SM) || !SECRET_NAME.matcher(name).matches()) {
        throw FleetException.at(src, e.line(),
            "a Secret is named " + SM + "projects/P/secrets/S, not " + e.asset().getName());
      }
      Secret.Builder secret = Secret.newBuilder();
      try {
        JsonFormat.parser().ignoringUnknownFields().merge(JsonFormat.printer().print(resource.getData()), secret);
      } catch (InvalidProtocolBufferException e2) {
        throw FleetException.at(src, e.line(), "resource.data is not a Secret Manager Secret: " + e2.getMessage());
      }
      if (!secret.getName().isEmpty() && !canonicalData(secret.getName(), SECRET_NAME, name, true)) {
        throw FleetException.at(src, e.line(), "resource.data.name " + secret.getName() + " is not " + name);
      }
      secret.setName(name);
      state.secrets.put(name, secret.build());
      state.versions.put(name, new TreeMap<>());
      return resource.toBuilder().setData(withName(resource.getData(), name)).build();
    }

    private void addVersion(Fleet.Entry e) throws FleetException {
      String fullName = canonical(e, e.asset().getName());
      String name = fullName.substring(SM.length());
      String secretName = name.substring(0, name.indexOf("/versions/"));
      TreeMap<Long, SecretVersion> ofSecret = state.versions.get(secretName);
      if (ofSecret == null) {
        throw FleetException.at(src, e.line(), "a version of " + secretName + ", which has no Secret line");
      }
      Resource resource = e.asset().getResource();
      SecretVersion.Builder version = SecretVersion.newBuilder();
      try {
        JsonFormat.parser().ignoringUnknownFields().merge(JsonFormat.printer().print(resource.getData()), version);
      } catch (InvalidProtocolBufferException e2) {
        throw FleetException.at(src, e.line(), "resource.data is not a Secret Manager SecretVersion: "
            + e2.getMessage());
      }
      if (!version.getName().isEmpty() && !canonicalData(version.getName(), VERSION_NAME, name, true)) {
        throw FleetException.at(src, e.line(), "resource.data.name " + version.getName() + " is not " + name);
      }
      version.setName(name);
      ofSecret.put(Long.parseLong(name.substring(name.lastIndexOf('/') + 1)), version.build());
      Node node = state.nodes.get(fullName);
      node.resource = node.resource.toBuilder()
          .setResource(resource.toBuilder().setData(withName(resource.getData(), name))).build();
    }

    private void addPolicy(Fleet.Entry e) throws FleetException {
      String name = canonical(e, e.asset().getName());
      Node node = state.nodes.get(name);
      if (node == null) {
        throw FleetException.at(src, e.line(), "an iamPolicy for " + name + ", which has no resource line");
      }
      if (node.policy != null) {
        throw FleetException.at(src, e.line(), "a second iamPolicy line for " + name);
      }
      if (!node.assetType.equals(e.asset().getAssetType())) {
        throw FleetException.at(src, e.line(), "the iamPolicy line says assetType " + e.asset().getAssetType()
            + " but " + name + " is a " + node.assetType);
      }
      node.policy = etagged(e.asset().getIamPolicy(), 0);
    }

    /** A data.name with the project in either form, naming the same resource as the asset. */
    private boolean canonicalData(String dataName, Pattern pattern, String canonical, boolean byNumber) {
      Matcher m = pattern.matcher(dataName);
      if (!m.matches()) {
        return false;
      }
      Project p = state.projectLocked(m.group(1));
      if (p == null) {
        return false;
      }
      String rest = dataName.substring(("projects/" + m.group(1)).length());
      return canonical.equals("projects/" + (byNumber ? p.number() : p.id()) + rest);
    }

    /** The asset name in the owning API's convention (repositories: project ID; others: project number). */
    private String canonical(Fleet.Entry e, String name) throws FleetException {
      Matcher m = FULL_NAME_IN_PROJECT.matcher(name);
      if (!m.matches()) {
        return name;
      }
      Project p = state.projectLocked(m.group(2));
      if (p == null) {
        throw FleetException.at(src, e.line(), name + " is in project " + m.group(2)
            + ", which has no Project line in the fleet");
      }
      String service = m.group(1);
      boolean byId = service.equals("artifactregistry.googleapis.com");
      return "//" + service + "/projects/" + (byId ? p.id() : p.number()) + (m.group(3) == null ? "" : m.group(3));
    }

    private List<String> ancestors(Fleet.Entry e, String name, String type, List<String> given)
        throws FleetException {
      List<String> result = given;
      if (result.isEmpty()) {
        Matcher m = FULL_NAME_IN_PROJECT.matcher(name);
        if (type.equals(ORGANIZATION)) {
          result = List.of(state.organization);
        } else if (m.matches() && !type.equals(PROJECT)) {
          result = state.projectLocked(m.group(2)).ancestors();
        } else {
          throw FleetException.at(src, e.line(), name + " has no ancestors");
        }
      }
      if (!result.get(result.size() - 1).equals(state.organization)) {
        throw FleetException.at(src, e.line(), "the ancestors of " + name + " do not end with " + state.organization);
      }
      return List.copyOf(result);
    }

    private static Struct withName(Struct data, String name) {
      return data.toBuilder().putFields("name", Value.newBuilder().setStringValue(name).build()).build();
    }

    private static String text(Struct data, String field) {
      Value v = data.getFieldsOrDefault(field, Value.getDefaultInstance());
      return switch (v.getKindCase()) {
        case STRING_VALUE -> v.getStringValue();
        case NUMBER_VALUE -> Long.toString((long) v.getNumberValue());
        default -> "";
      };
    }
  }

  @Override
  public String toString() {
    return "FleetState[" + source + ", " + organization + "]";
  }
}
