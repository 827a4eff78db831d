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
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Lookup;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretVersionInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one secret directly from its owning API: Secret Manager for the secret, its versions and its own allow
 * policy (metadata only: AccessSecretVersion is never called), and Cloud Asset's BatchGetEffectiveIamPolicies for
 * the policies it inherits from its project, folders and organization, which may sit outside the audited scope.
 *
 * <p>REST reference: https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets and
 * https://cloud.google.com/asset-inventory/docs/reference/rest/v1/effectiveIamPolicies/batchGet
 */
final class SecretReader {
  /** IAM policy version 3: with an older one Google hides conditional bindings. */
  static final int POLICY_VERSION = 3;

  /** What a direct read found: the secret (or why not) and its effective policy (or why not). */
  record DirectSecret(Lookup<SecretInfo> secret, Lookup<EffectivePolicy> policy) {}

  private final SecretManagerServiceClient secretManager;
  private final AssetServiceClient asset;
  private final Retrying retrying;

  SecretReader(SecretManagerServiceClient secretManager, AssetServiceClient asset, Retrying retrying) {
    this.secretManager = secretManager;
    this.asset = asset;
    this.retrying = retrying;
  }

  /** @param secretName projects/{id or number}/secrets/{id}, as the reference wrote it */
  DirectSecret read(String secretName, String organization) {
    Secret secret;
    try {
      secret = retrying.call(() -> secretManager.getSecret(secretName));
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
        return new DirectSecret(Lookup.missing("Secret Manager has no secret " + secretName), Lookup.skipped());
      }
      return new DirectSecret(
          Lookup.failed("SecretManagerService.GetSecret " + secretName, Retrying.describe(e)), Lookup.skipped());
    }
    // Secret Manager answers with the project number whatever form was asked.
    String name = secret.getName();
    String projectNumber = name.split("/")[1];
    List<SecretVersionInfo> versions = new ArrayList<>();
    try {
      ListSecretVersionsRequest request = ListSecretVersionsRequest.newBuilder().setParent(name).setPageSize(250).build();
      SecretManagerServiceClient.ListSecretVersionsPage page =
          retrying.call(() -> secretManager.listSecretVersions(request).getPage());
      while (true) {
        for (SecretVersion v : page.getValues()) {
          versions.add(Protos.version(v));
        }
        if (!page.hasNextPage()) {
          break;
        }
        SecretManagerServiceClient.ListSecretVersionsPage current = page;
        page = retrying.call(current::getNextPage);
      }
    } catch (ApiException e) {
      return new DirectSecret(
          Lookup.failed("SecretManagerService.ListSecretVersions " + name, Retrying.describe(e)), Lookup.skipped());
    }

    Lookup<EffectivePolicy> policy;
    List<String> ancestors = List.of("projects/" + projectNumber);
    try {
      Policy own = retrying.call(() -> secretManager.getIamPolicy(GetIamPolicyRequest.newBuilder()
          .setResource(name)
          .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(POLICY_VERSION))
          .build()));
      List<AttachedPolicy> policies = new ArrayList<>();
      policies.add(AttachedPolicy.of(name, Protos.bindings(own)));
      InheritedPolicies inherited = inherited(name, projectNumber, organization);
      policies.addAll(inherited.policies());
      ancestors = inherited.ancestors();
      policy = Lookup.found(new EffectivePolicy(policies));
    } catch (CallFailed e) {
      policy = Lookup.failed(e.call, e.reason);
    } catch (ApiException e) {
      policy = Lookup.failed("SecretManagerService.GetIamPolicy " + name, Retrying.describe(e));
    }
    SecretInfo info = new SecretInfo(name, projectNumber, name.substring(name.lastIndexOf('/') + 1),
        Protos.expireTime(secret), secret.getVersionAliasesMap(), versions, ancestors);
    return new DirectSecret(Lookup.found(info), policy);
  }

  private record InheritedPolicies(List<AttachedPolicy> policies, List<String> ancestors) {}

  private static final class CallFailed extends RuntimeException {
    final String call;
    final String reason;

    CallFailed(String call, String reason) {
      super(call + ": " + reason);
      this.call = call;
      this.reason = reason;
    }
  }

  private BatchGetEffectiveIamPoliciesResponse batchGet(String scope, String fullName) {
    return retrying.call(() -> asset.batchGetEffectiveIamPolicies(BatchGetEffectiveIamPoliciesRequest.newBuilder()
        .setScope(scope)
        .addNames(fullName)
        .build()));
  }

  /** The project's, folders' and organization's policies, nearest first, from BatchGetEffectiveIamPolicies. */
  private InheritedPolicies inherited(String secretName, String projectNumber, String organization) {
    String fullName = "//secretmanager.googleapis.com/" + secretName;
    BatchGetEffectiveIamPoliciesResponse response;
    try {
      // Cloud Asset returns only the policies on or below the scope: ask at the organization's level. A secret
      // from another organization is not within ours (INVALID_ARGUMENT): then its own project is the scope.
      response = batchGet(organization.isEmpty() ? "projects/" + projectNumber : organization, fullName);
    } catch (ApiException e) {
      if (organization.isEmpty() || e.getStatusCode().getCode() != StatusCode.Code.INVALID_ARGUMENT) {
        throw new CallFailed("AssetService.BatchGetEffectiveIamPolicies " + fullName, Retrying.describe(e));
      }
      try {
        response = batchGet("projects/" + projectNumber, fullName);
      } catch (ApiException again) {
        throw new CallFailed("AssetService.BatchGetEffectiveIamPolicies " + fullName, Retrying.describe(again));
      }
    }
    List<AttachedPolicy> policies = new ArrayList<>();
    List<String> ancestors = new ArrayList<>();
    for (var result : response.getPolicyResultsList()) {
      for (var info : result.getPoliciesList()) {
        String attached = info.getAttachedResource().replaceFirst("^//[^/]+/", "");
        if (attached.equals(secretName)) {
          continue; // the secret's own policy comes from Secret Manager, its owner
        }
        ancestors.add(attached);
        policies.add(AttachedPolicy.of(attached, Protos.bindings(info.getPolicy())));
      }
    }
    return new InheritedPolicies(policies, ancestors);
  }
}
