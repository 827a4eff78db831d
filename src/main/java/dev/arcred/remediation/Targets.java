package dev.arcred.remediation;

import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.devtools.artifactregistry.v1.RemoteRepositoryConfig;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.devtools.artifactregistry.v1.UpdateRepositoryRequest;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.protobuf.FieldMask;
import dev.arcred.inventory.GoogleClients;
import dev.arcred.inventory.RateLimits;
import java.util.List;

/**
 * The calls that read and change what a plan targets, each paced by the client-side {@link RateLimits} (Google's
 * default quotas, charged to the calling project). Reads metadata only: a
 * secret's policy and a version's state, never a payload.
 *
 * <p>REST reference: https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/setIamPolicy and
 * https://cloud.google.com/artifact-registry/docs/reference/rest/v1/projects.locations.repositories/patch
 */
public final class Targets {
  static final String PASSWORD_PATH =
      "remote_repository_config.upstream_credentials.username_password_credentials.password_secret_version";
  static final String USERNAME_PATH =
      "remote_repository_config.upstream_credentials.username_password_credentials.username";
  static final String CREDENTIALS_PATH = "remote_repository_config.upstream_credentials";

  private static final String CALLING_PROJECT = ""; // Secret Manager counts per calling project only

  private final GoogleClients clients;
  private final RateLimits limits;

  public Targets(GoogleClients clients, RateLimits limits) {
    this.clients = clients;
    this.limits = limits;
  }

  /** A secret's own allow policy, version 3 (else Google hides conditional bindings). */
  public Policy policy(String secret) {
    limits.acquire(RateLimits.Quota.SECRET_MANAGER_READ, CALLING_PROJECT);
    return clients.secretManager().getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(secret)
        .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(Policies.VERSION)).build());
  }

  /** Writes a policy read by {@link #policy} and edited: with its etag (a stale one is ABORTED) and version 3. */
  public Policy setPolicy(String secret, Policy policy) {
    if (policy.getEtag().isEmpty()) {
      throw new IllegalArgumentException("a policy is written with the etag it was read with");
    }
    limits.acquire(RateLimits.Quota.SECRET_MANAGER_WRITE, CALLING_PROJECT);
    return clients.secretManager().setIamPolicy(SetIamPolicyRequest.newBuilder().setResource(secret)
        .setPolicy(policy.toBuilder().setVersion(Policies.VERSION)).build());
  }

  public SecretVersion version(String name) {
    limits.acquire(RateLimits.Quota.SECRET_MANAGER_READ, CALLING_PROJECT);
    return clients.secretManager().getSecretVersion(name);
  }

  public Repository repository(String name) {
    limits.acquire(RateLimits.Quota.ARTIFACT_REGISTRY_READ, location(name));
    return clients.artifactRegistry().getRepository(name);
  }

  /**
   * Sets a repository's secret version reference, and its username when not null, in place: the update mask names
   * those fields only, so nothing else of the repository changes (and it is never recreated).
   */
  public Repository setCredentials(String name, String username, String passwordSecretVersion) {
    var credentials = RemoteRepositoryConfig.UpstreamCredentials.UsernamePasswordCredentials.newBuilder()
        .setPasswordSecretVersion(passwordSecretVersion);
    FieldMask.Builder mask = FieldMask.newBuilder().addPaths(PASSWORD_PATH);
    if (username != null) {
      credentials.setUsername(username);
      mask.addPaths(USERNAME_PATH);
    }
    return update(Repository.newBuilder().setName(name)
        .setRemoteRepositoryConfig(RemoteRepositoryConfig.newBuilder().setUpstreamCredentials(
            RemoteRepositoryConfig.UpstreamCredentials.newBuilder().setUsernamePasswordCredentials(credentials)))
        .build(), mask.build());
  }

  /** Removes a repository's upstream credentials block (rollback of a migration of a repository that had none). */
  public Repository clearCredentials(String name) {
    return update(Repository.newBuilder().setName(name).build(),
        FieldMask.newBuilder().addAllPaths(List.of(CREDENTIALS_PATH)).build());
  }

  /** Artifact Registry counts quota per calling project and region: the repository's location. */
  private static String location(String repository) {
    String[] parts = repository.split("/");
    return parts.length > 3 ? parts[3] : "";
  }

  private Repository update(Repository values, FieldMask mask) {
    limits.acquire(RateLimits.Quota.ARTIFACT_REGISTRY_WRITE, location(values.getName()));
    return clients.artifactRegistry().updateRepository(
        UpdateRepositoryRequest.newBuilder().setRepository(values).setUpdateMask(mask).build());
  }
}
