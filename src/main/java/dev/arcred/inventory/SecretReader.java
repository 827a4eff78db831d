package dev.arcred.inventory;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.asset.v1.AssetServiceClient;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesRequest;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesResponse;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.iam.v1.Policy;
import dev.arcred.model.AttachedPolicy;
import dev.arcred.model.Binding;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Lookup;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretVersionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one secret directly from its owning API: Secret Manager for the secret, its versions and its own allow
 * policy (metadata only: AccessSecretVersion is never called), and Cloud Asset's BatchGetEffectiveIamPolicies for
 * the policies it inherits from its project, folders and organization, which may sit outside the audited scope.
 * Each part can be read on its own, so that confirming one failing link costs one call.
 *
 * <p>REST reference: https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets and
 * https://cloud.google.com/asset-inventory/docs/reference/rest/v1/effectiveIamPolicies/batchGet
 */
final class SecretReader {
  /** IAM policy version 3: with an older one Google hides conditional bindings. */
  static final int POLICY_VERSION = 3;

  /** What a direct read found: the secret (or why not) and its effective policy (or why not). */
  record DirectSecret(Lookup<SecretInfo> secret, Lookup<EffectivePolicy> policy) {}

  /** A secret's own metadata, named as Secret Manager names it (by project number). */
  record Metadata(String name, String projectNumber, Instant expireTime, Map<String, Long> versionAliases) {}

  private static final RateLimits.Quota READ = RateLimits.Quota.SECRET_MANAGER_READ;

  private final SecretManagerServiceClient secretManager;
  private final AssetServiceClient asset;
  private final Retrying retrying;

  SecretReader(SecretManagerServiceClient secretManager, AssetServiceClient asset, Retrying retrying) {
    this.secretManager = secretManager;
    this.asset = asset;
    this.retrying = retrying;
  }

  /** Every part, for a secret the bulk read does not cover. @param secretName as the reference wrote it */
  DirectSecret read(String secretName, String organization) {
    Lookup<Metadata> metadata = metadata(secretName);
    if (!(metadata instanceof Lookup.Found<Metadata> found)) {
      return new DirectSecret(metadata.map(m -> null), Lookup.skipped());
    }
    Metadata meta = found.get();
    Lookup<List<SecretVersionInfo>> versions = versions(meta.name());
    if (!(versions instanceof Lookup.Found<List<SecretVersionInfo>> v)) {
      return new DirectSecret(versions.map(x -> null), Lookup.skipped());
    }
    Lookup<EffectivePolicy> policy;
    List<String> ancestors = List.of("projects/" + meta.projectNumber());
    Lookup<List<Binding>> own = ownPolicy(meta.name());
    if (own instanceof Lookup.Found<List<Binding>> bindings) {
      Lookup<List<AttachedPolicy>> inherited = inherited(meta.name(), meta.projectNumber(), organization);
      if (inherited instanceof Lookup.Found<List<AttachedPolicy>> up) {
        List<AttachedPolicy> policies = new ArrayList<>();
        policies.add(AttachedPolicy.of(meta.name(), bindings.get()));
        policies.addAll(up.get());
        ancestors = up.get().stream().map(AttachedPolicy::resource).toList();
        policy = Lookup.found(new EffectivePolicy(policies));
      } else {
        policy = inherited.map(x -> null);
      }
    } else {
      policy = own.map(x -> null);
    }
    return new DirectSecret(Lookup.found(info(meta, v.get(), ancestors)), policy);
  }

  static SecretInfo info(Metadata meta, List<SecretVersionInfo> versions, List<String> ancestors) {
    String name = meta.name();
    return new SecretInfo(name, meta.projectNumber(), name.substring(name.lastIndexOf('/') + 1),
        meta.expireTime(), meta.versionAliases(), versions, ancestors);
  }

  /** GetSecret: Missing when Secret Manager says NOT_FOUND. */
  Lookup<Metadata> metadata(String secretName) {
    try {
      Secret secret = retrying.call(READ, "", () -> secretManager.getSecret(secretName));
      // Secret Manager answers with the project number whatever form was asked.
      String name = secret.getName();
      return Lookup.found(new Metadata(name, name.split("/")[1], Protos.expireTime(secret),
          secret.getVersionAliasesMap()));
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
        return Lookup.missing("Secret Manager has no secret " + secretName);
      }
      return Lookup.failed("SecretManagerService.GetSecret " + secretName, Retrying.describe(e));
    }
  }

  /** ListSecretVersions, every page. */
  Lookup<List<SecretVersionInfo>> versions(String secretName) {
    List<SecretVersionInfo> versions = new ArrayList<>();
    try {
      ListSecretVersionsRequest request =
          ListSecretVersionsRequest.newBuilder().setParent(secretName).setPageSize(250).build();
      SecretManagerServiceClient.ListSecretVersionsPage page =
          retrying.call(READ, "", () -> secretManager.listSecretVersions(request).getPage());
      while (true) {
        for (SecretVersion v : page.getValues()) {
          versions.add(Protos.version(v));
        }
        if (!page.hasNextPage()) {
          return Lookup.found(versions);
        }
        SecretManagerServiceClient.ListSecretVersionsPage current = page;
        page = retrying.call(READ, "", current::getNextPage);
      }
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
        return Lookup.missing("Secret Manager has no secret " + secretName);
      }
      return Lookup.failed("SecretManagerService.ListSecretVersions " + secretName, Retrying.describe(e));
    }
  }

  /** GetIamPolicy with policy version 3: the secret's own bindings, conditions included. */
  Lookup<List<Binding>> ownPolicy(String secretName) {
    try {
      Policy own = retrying.call(READ, "", () -> secretManager.getIamPolicy(GetIamPolicyRequest.newBuilder()
          .setResource(secretName)
          .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(POLICY_VERSION))
          .build()));
      return Lookup.found(Protos.bindings(own));
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
        return Lookup.missing("Secret Manager has no secret " + secretName);
      }
      return Lookup.failed("SecretManagerService.GetIamPolicy " + secretName, Retrying.describe(e));
    }
  }

  /** The project's, folders' and organization's policies, nearest first, from BatchGetEffectiveIamPolicies. */
  Lookup<List<AttachedPolicy>> inherited(String secretName, String projectNumber, String organization) {
    String fullName = "//secretmanager.googleapis.com/" + secretName;
    BatchGetEffectiveIamPoliciesResponse response;
    try {
      // Cloud Asset returns only the policies on or below the scope: ask at the organization's level. A secret
      // from another organization is not within ours (INVALID_ARGUMENT): then its own project is the scope.
      response = batchGet(organization.isEmpty() ? "projects/" + projectNumber : organization, fullName);
    } catch (ApiException e) {
      if (organization.isEmpty() || e.getStatusCode().getCode() != StatusCode.Code.INVALID_ARGUMENT) {
        return Lookup.failed("AssetService.BatchGetEffectiveIamPolicies " + fullName, Retrying.describe(e));
      }
      try {
        response = batchGet("projects/" + projectNumber, fullName);
      } catch (ApiException again) {
        return Lookup.failed("AssetService.BatchGetEffectiveIamPolicies " + fullName, Retrying.describe(again));
      }
    }
    List<AttachedPolicy> policies = new ArrayList<>();
    for (var result : response.getPolicyResultsList()) {
      for (var info : result.getPoliciesList()) {
        String attached = info.getAttachedResource().replaceFirst("^//[^/]+/", "");
        if (attached.equals(secretName)) {
          continue; // the secret's own policy comes from Secret Manager, its owner
        }
        policies.add(AttachedPolicy.of(attached, Protos.bindings(info.getPolicy())));
      }
    }
    return Lookup.found(policies);
  }

  private BatchGetEffectiveIamPoliciesResponse batchGet(String scope, String fullName) {
    return retrying.call(RateLimits.Quota.ASSET_EFFECTIVE_POLICIES, "", () -> asset.batchGetEffectiveIamPolicies(
        BatchGetEffectiveIamPoliciesRequest.newBuilder().setScope(scope).addNames(fullName).build()));
  }
}
