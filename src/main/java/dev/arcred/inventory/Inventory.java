package dev.arcred.inventory;

import com.google.api.gax.rpc.ApiException;
import dev.arcred.model.AttachedPolicy;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Lookup;
import dev.arcred.model.Repository;
import dev.arcred.model.RoleCatalog;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Reads every link of every remote repository in a scope into {@link ChainFacts}. Bulk first: Cloud Asset for
 * the repositories, secrets, versions, roles and policies of the scope, and one ListRepositories per project and
 * location for the credentials (Cloud Asset redacts them). Secrets outside what the bulk read covers, and every
 * secret whose chain fails a check ({@link #confirm}), are read directly from their owning API, once each.
 */
public final class Inventory implements AutoCloseable {
  /** What the inventory found: the organization and one chain per repository. */
  public record Result(String organization, List<ChainFacts> chains, List<String> notes) {}

  private final GoogleClients clients;
  private final Retrying retrying;
  private final ExecutorService pool;
  private final Progress progress;
  private final Map<String, CompletableFuture<SecretReader.DirectSecret>> direct = new ConcurrentHashMap<>();
  private final SecretReader secretReader;
  private volatile OrgSnapshot snapshot;

  public Inventory(GoogleClients clients, int parallelism, Consumer<String> progress) {
    this(clients, parallelism, RateLimits.google(), Progress.lines(progress));
  }

  public Inventory(GoogleClients clients, int parallelism, RateLimits limits, Progress progress) {
    this.clients = clients;
    this.retrying = Retrying.reads(limits);
    this.pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
      Thread t = new Thread(r, "arcred-read");
      t.setDaemon(true);
      return t;
    });
    this.progress = progress;
    this.secretReader = new SecretReader(clients.secretManager(), clients.asset(), retrying);
  }

  public Result read(Scope scope, Set<String> formats) {
    OrgSnapshot snap = new OrgSnapshot();
    AssetInventory assets = new AssetInventory(clients.asset(), retrying);
    progress.message("reading " + scope + " from Cloud Asset Inventory");
    CompletableFuture.allOf(
        CompletableFuture.runAsync(() -> assets.readRepositories(scope, formats, snap), pool),
        CompletableFuture.runAsync(() -> assets.readResources(scope, snap), pool),
        CompletableFuture.runAsync(() -> assets.readPolicies(scope, snap), pool)).join();
    this.snapshot = snap;
    List<String> notes = new ArrayList<>();

    // Credentials: one ListRepositories per project and location that holds a discovered repository.
    Map<String, List<Repository>> byProjectLocation = new LinkedHashMap<>();
    for (Repository r : snap.repositories) {
      byProjectLocation.computeIfAbsent(r.projectId() + "/" + r.location(), k -> new ArrayList<>()).add(r);
    }
    progress.message(snap.repositories.size() + " remote repositories in " + byProjectLocation.size()
        + " project-locations; reading their credentials from Artifact Registry");
    progress.begin("credentials", byProjectLocation.size());
    RepositoryReader repositories = new RepositoryReader(clients.artifactRegistry(), retrying);
    Map<String, CompletableFuture<Listed>> listings = new LinkedHashMap<>();
    byProjectLocation.forEach((key, repos) -> {
      Repository first = repos.get(0);
      listings.put(key, CompletableFuture.supplyAsync(() -> {
        try {
          return new Listed(repositories.list(first.projectId(), first.location()), null);
        } catch (ApiException e) {
          return new Listed(null, Retrying.describe(e));
        } finally {
          progress.step(1);
        }
      }, pool));
    });

    List<ChainFacts> chains = new ArrayList<>();
    RoleCatalog roles = new RoleCatalog(snap.customRoles);
    List<Pending> pending = new ArrayList<>();
    for (var entry : byProjectLocation.entrySet()) {
      Listed listed = listings.get(entry.getKey()).join();
      List<Repository> discovered = entry.getValue();
      if (listed.failure != null) {
        for (Repository r : discovered) {
          chains.add(new ChainFacts(r, Lookup.failed(RepositoryReader.LIST_CALL + " projects/" + r.projectId()
              + "/locations/" + r.location(), listed.failure), Lookup.skipped(), Lookup.skipped(), roles));
        }
        continue;
      }
      Map<String, com.google.devtools.artifactregistry.v1.Repository> live = new HashMap<>();
      listed.repositories.forEach(r -> live.put(r.getName(), r));
      Map<String, Repository> known = new LinkedHashMap<>();
      discovered.forEach(r -> known.put(r.name(), r));
      // Cloud Asset lags: a repository it still lists but Artifact Registry no longer has is gone; one that
      // Artifact Registry has but Cloud Asset does not list yet is new, and is audited all the same.
      for (Repository r : discovered) {
        if (!live.containsKey(r.name())) {
          notes.add(r.name() + ": listed by Cloud Asset but no longer in Artifact Registry (deleted); not audited");
        }
      }
      Repository sibling = discovered.get(0);
      for (var ar : listed.repositories) {
        Repository repo = known.get(ar.getName());
        if (repo == null) {
          if (ar.getMode() != com.google.devtools.artifactregistry.v1.Repository.Mode.REMOTE_REPOSITORY
              || !formats.contains(ar.getFormat().name())) {
            continue;
          }
          String[] parts = ar.getName().split("/");
          repo = new Repository(ar.getName(), parts[1], sibling.projectNumber(), parts[3], parts[5],
              ar.getFormat().name(), ar.getMode().name(), Protos.upstream(ar), sibling.ancestors());
        }
        pending.add(new Pending(repo, Protos.credentials(ar)));
      }
    }

    progress.end();
    // Secrets the bulk read does not cover are read directly, in parallel, once each.
    for (Pending p : pending) {
      SecretRef.parse(p.credentials.passwordSecretVersion())
          .filter(ref -> p.credentials.hasReference())
          .filter(ref -> fromSnapshot(ref, scope).isEmpty())
          .ifPresent(ref -> directRead(ref));
    }
    for (Pending p : pending) {
      chains.add(chain(p.repository, p.credentials, scope, roles));
    }
    snap.repositories.clear(); // the chains hold what is needed now
    return new Result(snap.organization, chains, notes);
  }

  private record Listed(List<com.google.devtools.artifactregistry.v1.Repository> repositories, String failure) {}

  private record Pending(Repository repository, Credentials credentials) {}

  private ChainFacts chain(Repository repo, Credentials credentials, Scope scope, RoleCatalog roles) {
    Optional<SecretRef> ref = credentials.hasReference()
        ? SecretRef.parse(credentials.passwordSecretVersion()) : Optional.empty();
    if (ref.isEmpty()) {
      return new ChainFacts(repo, Lookup.found(credentials), Lookup.skipped(), Lookup.skipped(), roles);
    }
    Optional<SecretReader.DirectSecret> bulk = fromSnapshot(ref.get(), scope);
    SecretReader.DirectSecret read = bulk.orElseGet(() -> directRead(ref.get()).join());
    return new ChainFacts(repo, Lookup.found(credentials), read.secret(), read.policy(), roles);
  }

  /**
   * The chain a repository would have with other credentials (a planned migration), its secret read directly from
   * the owning API (never the bulk read, which lags), once per secret.
   */
  public ChainFacts chainWith(ChainFacts facts, Credentials credentials) {
    Optional<SecretRef> ref = credentials.hasReference()
        ? SecretRef.parse(credentials.passwordSecretVersion()) : Optional.empty();
    if (ref.isEmpty()) {
      return new ChainFacts(facts.repository(), Lookup.found(credentials), Lookup.skipped(), Lookup.skipped(),
          facts.roles());
    }
    SecretReader.DirectSecret read = directRead(ref.get()).join();
    return new ChainFacts(facts.repository(), Lookup.found(credentials), read.secret(), read.policy(), facts.roles());
  }

  /** What a failing chain needs re-read from the owning API before its findings are reported. */
  public enum Need {
    /** GetSecret: existence, expiry, aliases. */
    METADATA,
    /** ListSecretVersions: the versions and their states. */
    VERSIONS,
    /** GetIamPolicy (version 3): the secret's own bindings. */
    POLICY
  }

  /**
   * Re-reads the parts of a chain's secret that its findings rest on, because Cloud Asset lags: a failing link
   * is confirmed with its owning API before it is reported. Only a secret taken from the bulk read needs it (one
   * read directly is the owner's answer already), and each part of each secret is read at most once.
   */
  public ChainFacts confirm(ChainFacts facts, Set<Need> needs) {
    progress.step(1);
    Optional<String> bulkName = facts.secret().value().map(SecretInfo::name).filter(bulkSecrets::contains);
    if (bulkName.isEmpty() || needs.isEmpty()) {
      return facts;
    }
    String name = bulkName.get();
    SecretInfo info = facts.secret().value().orElseThrow();
    Lookup<EffectivePolicy> policy = facts.policy();
    if (needs.contains(Need.METADATA)) {
      Lookup<SecretReader.Metadata> meta = part("metadata " + name, () -> secretReader.metadata(name)).join();
      if (!(meta instanceof Lookup.Found<SecretReader.Metadata> m)) {
        return withSecret(facts, meta.map(x -> null), Lookup.skipped());
      }
      info = new SecretInfo(info.name(), info.projectNumber(), info.secretId(), m.get().expireTime(),
          m.get().versionAliases(), info.versions(), info.ancestors());
    }
    if (needs.contains(Need.VERSIONS)) {
      Lookup<List<dev.arcred.model.SecretVersionInfo>> versions =
          part("versions " + name, () -> secretReader.versions(name)).join();
      if (!(versions instanceof Lookup.Found<List<dev.arcred.model.SecretVersionInfo>> v)) {
        return withSecret(facts, versions.map(x -> null), Lookup.skipped());
      }
      info = new SecretInfo(info.name(), info.projectNumber(), info.secretId(), info.expireTime(),
          info.versionAliases(), v.get(), info.ancestors());
    }
    if (needs.contains(Need.POLICY) && policy instanceof Lookup.Found<EffectivePolicy> effective) {
      Lookup<List<dev.arcred.model.Binding>> own = part("policy " + name, () -> secretReader.ownPolicy(name)).join();
      if (own instanceof Lookup.Found<List<dev.arcred.model.Binding>> bindings) {
        List<AttachedPolicy> policies = new ArrayList<>();
        policies.add(AttachedPolicy.of(name, bindings.get()));
        effective.get().policies().stream().filter(p -> !p.resource().equals(name)).forEach(policies::add);
        policy = Lookup.found(new EffectivePolicy(policies));
      } else if (own.isMissing()) {
        return withSecret(facts, own.map(x -> null), Lookup.skipped());
      } else {
        policy = own.map(x -> null);
      }
    }
    return withSecret(facts, Lookup.found(info), policy);
  }

  private static ChainFacts withSecret(ChainFacts facts, Lookup<SecretInfo> secret, Lookup<EffectivePolicy> policy) {
    return new ChainFacts(facts.repository(), facts.credentials(), secret, policy, facts.roles());
  }

  public Progress progress() {
    return progress;
  }

  /** Starts the reads that {@link #confirm} will need, in parallel, once per secret and part. */
  public void prefetch(ChainFacts facts, Set<Need> needs) {
    facts.secret().value().map(SecretInfo::name).filter(bulkSecrets::contains)
        .ifPresent(name -> {
          if (needs.contains(Need.METADATA)) {
            part("metadata " + name, () -> secretReader.metadata(name));
          }
          if (needs.contains(Need.VERSIONS)) {
            part("versions " + name, () -> secretReader.versions(name));
          }
          if (needs.contains(Need.POLICY)) {
            part("policy " + name, () -> secretReader.ownPolicy(name));
          }
        });
  }

  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> part(String key, java.util.function.Supplier<T> read) {
    return (CompletableFuture<T>) parts.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(read, pool));
  }

  private final Map<String, CompletableFuture<?>> parts = new ConcurrentHashMap<>();
  private final Set<String> bulkSecrets = ConcurrentHashMap.newKeySet();

  private CompletableFuture<SecretReader.DirectSecret> directRead(SecretRef ref) {
    OrgSnapshot snap = snapshot;
    String key = snap == null ? ref.secretName()
        : snap.projectNumber(ref.project()).map(n -> "projects/" + n + "/secrets/" + ref.secret()).orElse(ref.secretName());
    return direct.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> secretReader.read(ref.secretName(), snap == null ? "" : snap.organization), pool));
  }

  /**
   * The secret as the bulk read saw it, when the bulk read covers it: its project is in the scope, and, for the
   * policy, every ancestor too (an organization scope). A secret the bulk read does not list is not trusted as
   * missing (Cloud Asset lags behind new secrets): it is read directly.
   */
  private Optional<SecretReader.DirectSecret> fromSnapshot(SecretRef ref, Scope scope) {
    OrgSnapshot snap = snapshot;
    if (scope.kind() != Scope.Kind.ORGANIZATION) {
      return Optional.empty();
    }
    Optional<String> number = snap.projectNumber(ref.project());
    if (number.isEmpty()) {
      return Optional.empty();
    }
    // One instance per secret, shared by every repository that references it: memory grows with secrets.
    return bulk.computeIfAbsent("projects/" + number.get() + "/secrets/" + ref.secret(),
        k -> buildFromSnapshot(ref, scope));
  }

  private final Map<String, Optional<SecretReader.DirectSecret>> bulk = new ConcurrentHashMap<>();

  private Optional<SecretReader.DirectSecret> buildFromSnapshot(SecretRef ref, Scope scope) {
    OrgSnapshot snap = snapshot;
    if (scope.kind() != Scope.Kind.ORGANIZATION) {
      return Optional.empty();
    }
    Optional<String> number = snap.projectNumber(ref.project());
    if (number.isEmpty() || !snap.projectIdsByNumber.containsKey(number.get())) {
      return Optional.empty();
    }
    String name = "projects/" + number.get() + "/secrets/" + ref.secret();
    OrgSnapshot.SecretMeta meta = snap.secrets.get(name);
    if (meta == null) {
      return Optional.empty();
    }
    SecretInfo info = new SecretInfo(name, number.get(), ref.secret(), meta.expireTime(), meta.versionAliases(),
        snap.versions.getOrDefault(name, List.of()), meta.ancestors());
    List<AttachedPolicy> policies = new ArrayList<>();
    policies.add(AttachedPolicy.of(name, snap.policies.getOrDefault(name, List.of())));
    for (String ancestor : meta.ancestors()) {
      policies.add(AttachedPolicy.of(ancestor, snap.policies.getOrDefault(ancestor, List.of())));
    }
    bulkSecrets.add(name);
    return Optional.of(new SecretReader.DirectSecret(Lookup.found(info), Lookup.found(new EffectivePolicy(policies))));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
