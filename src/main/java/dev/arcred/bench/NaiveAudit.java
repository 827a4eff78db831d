package dev.arcred.bench;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.protobuf.Value;
import dev.arcred.checks.Judge;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import dev.arcred.inventory.RateLimits;
import dev.arcred.inventory.Retrying;
import dev.arcred.model.AttachedPolicy;
import dev.arcred.model.AuditReport;
import dev.arcred.model.AuditSettings;
import dev.arcred.model.Binding;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Lookup;
import dev.arcred.model.Repository;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RoleCatalog;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretRef;
import dev.arcred.model.SecretVersionInfo;
import dev.arcred.model.VersionState;
import dev.arcred.report.ReportWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The naive audit the benchmark compares arcred with: discover the repositories, then read every link of every
 * repository directly, one repository at a time per worker, as Google's samples do: GetRepository, GetSecret,
 * ListSecretVersions (the rules need every version, not only the referenced one), GetIamPolicy, and
 * BatchGetEffectiveIamPolicies for what the secret inherits. About five calls per repository, three of them
 * Secret Manager reads, which the calling project may make 600 a minute. Judged by the same rules as arcred.
 *
 * <p>Usage: NaiveAudit ENDPOINT ORG_NUMBER NOW OUT_DIR PARALLELISM
 */
public final class NaiveAudit {
  private final GoogleClients clients;
  private final Retrying retrying;

  NaiveAudit(GoogleClients clients, RateLimits limits) {
    this.clients = clients;
    this.retrying = Retrying.reads(limits);
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    String endpoint = args[0];
    String org = args[1];
    Instant now = Instant.parse(args[2]);
    Path out = Path.of(args[3]);
    int parallelism = Integer.parseInt(args[4]);
    long started = System.nanoTime();
    try (GoogleClients clients = GoogleClients.connect(Connection.emulator(endpoint))) {
      NaiveAudit naive = new NaiveAudit(clients, RateLimits.google());
      AuditReport report = naive.run(org, now, parallelism);
      System.out.printf(java.util.Locale.ROOT, "wall_s=%.3f%n", (System.nanoTime() - started) / 1e9);
      new ReportWriter(Path.of(System.getProperty("arcred.home", ".")).resolve("report-templates")).writeAll(report, out);
    }
    System.exit(0);
  }

  AuditReport run(String org, Instant now, int parallelism) throws Exception {
    String scope = "organizations/" + org;
    List<Repository> repositories = new ArrayList<>();
    Map<String, Set<String>> roles = new HashMap<>();
    for (Asset asset : clients.asset().listAssets(ListAssetsRequest.newBuilder().setParent(scope)
        .setContentType(ContentType.RESOURCE).addAssetTypes("artifactregistry.googleapis.com/Repository")
        .addAssetTypes("iam.googleapis.com/Role").setPageSize(1000).build()).iterateAll()) {
      var data = asset.getResource().getData();
      if (asset.getAssetType().equals("iam.googleapis.com/Role")) {
        Set<String> perms = new HashSet<>();
        data.getFieldsOrDefault("includedPermissions", Value.getDefaultInstance()).getListValue().getValuesList()
            .forEach(v -> perms.add(v.getStringValue()));
        roles.put(data.getFieldsOrThrow("name").getStringValue(), perms);
        continue;
      }
      if (!"NPM".equals(data.getFieldsOrDefault("format", Value.getDefaultInstance()).getStringValue())
          || !"REMOTE_REPOSITORY".equals(data.getFieldsOrDefault("mode", Value.getDefaultInstance()).getStringValue())) {
        continue;
      }
      String name = data.getFieldsOrThrow("name").getStringValue();
      String[] p = name.split("/");
      repositories.add(new Repository(name, p[1], asset.getAncestors(0).substring("projects/".length()), p[3], p[5],
          "NPM", "REMOTE_REPOSITORY", "", asset.getAncestorsList()));
    }
    RoleCatalog catalog = new RoleCatalog(roles);
    Judge judge = new Judge();
    AuditSettings settings = AuditSettings.at(now);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    List<Future<RepositoryResult>> futures = new ArrayList<>();
    for (Repository r : repositories) {
      futures.add(pool.submit(() -> judge.judge(chain(r, catalog, scope), settings)));
    }
    List<RepositoryResult> results = new ArrayList<>();
    for (Future<RepositoryResult> f : futures) {
      results.add(f.get());
    }
    pool.shutdown();
    return new AuditReport(scope, scope, now, results);
  }

  private ChainFacts chain(Repository r, RoleCatalog roles, String org) {
    var repo = retrying.call(RateLimits.Quota.ARTIFACT_REGISTRY_READ, r.location(),
        () -> clients.artifactRegistry().getRepository(r.name()));
    var upc = repo.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials();
    Credentials credentials = new Credentials(upc.getUsername(), upc.getPasswordSecretVersion());
    Optional<SecretRef> ref = credentials.hasReference() ? SecretRef.parse(upc.getPasswordSecretVersion()) : Optional.empty();
    if (ref.isEmpty()) {
      return new ChainFacts(r, Lookup.found(credentials), Lookup.skipped(), Lookup.skipped(), roles);
    }
    Secret secret;
    try {
      secret = retrying.call(RateLimits.Quota.SECRET_MANAGER_READ, "",
          () -> clients.secretManager().getSecret(ref.get().secretName()));
    } catch (ApiException e) {
      return new ChainFacts(r, Lookup.found(credentials), Lookup.missing(e.getMessage()), Lookup.skipped(), roles);
    }
    String name = secret.getName();
    List<SecretVersionInfo> versions = new ArrayList<>();
    for (SecretVersion v : retrying.call(RateLimits.Quota.SECRET_MANAGER_READ, "",
        () -> clients.secretManager().listSecretVersions(name)).iterateAll()) {
      String vn = v.getName();
      versions.add(new SecretVersionInfo(Long.parseLong(vn.substring(vn.lastIndexOf('/') + 1)),
          VersionState.valueOf(v.getState().name()),
          v.hasScheduledDestroyTime() ? Instant.ofEpochSecond(v.getScheduledDestroyTime().getSeconds()) : null));
    }
    var own = retrying.call(RateLimits.Quota.SECRET_MANAGER_READ, "", () -> clients.secretManager().getIamPolicy(
        GetIamPolicyRequest.newBuilder().setResource(name)
            .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3)).build()));
    List<AttachedPolicy> policies = new ArrayList<>();
    policies.add(AttachedPolicy.of(name, bindings(own)));
    var effective = retrying.call(RateLimits.Quota.ASSET_EFFECTIVE_POLICIES, "",
        () -> clients.asset().batchGetEffectiveIamPolicies(
            com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesRequest.newBuilder()
                .setScope(org).addNames("//secretmanager.googleapis.com/" + name).build()));
    for (var result : effective.getPolicyResultsList()) {
      for (var info : result.getPoliciesList()) {
        String attached = info.getAttachedResource().replaceFirst("^//[^/]+/", "");
        if (!attached.equals(name)) {
          policies.add(AttachedPolicy.of(attached, bindings(info.getPolicy())));
        }
      }
    }
    SecretInfo info = new SecretInfo(name, name.split("/")[1], name.substring(name.lastIndexOf('/') + 1),
        secret.hasExpireTime() ? Instant.ofEpochSecond(secret.getExpireTime().getSeconds()) : null,
        secret.getVersionAliasesMap(), versions, List.of());
    return new ChainFacts(r, Lookup.found(credentials), Lookup.found(info),
        Lookup.found(new EffectivePolicy(policies)), roles);
  }

  private static List<Binding> bindings(com.google.iam.v1.Policy policy) {
    return policy.getBindingsList().stream()
        .map(b -> new Binding(b.getRole(), b.getMembersList(),
            b.hasCondition() ? (b.getCondition().getTitle().isBlank() ? b.getCondition().getExpression()
                : b.getCondition().getTitle()) : null))
        .toList();
  }
}
