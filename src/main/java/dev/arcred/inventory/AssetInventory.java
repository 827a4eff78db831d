package dev.arcred.inventory;

import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.AssetServiceClient;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.arcred.model.Repository;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a scope in bulk from Cloud Asset Inventory: ListAssets, up to 1,000 assets a page, content types RESOURCE
 * and IAM_POLICY. Its cost grows with pages, not with repositories.
 *
 * <p>REST reference: https://cloud.google.com/asset-inventory/docs/reference/rest/v1/assets/list
 */
final class AssetInventory {
  static final String REPOSITORY = "artifactregistry.googleapis.com/Repository";
  static final String SECRET = "secretmanager.googleapis.com/Secret";
  static final String SECRET_VERSION = "secretmanager.googleapis.com/SecretVersion";
  static final String PROJECT = "cloudresourcemanager.googleapis.com/Project";
  static final String FOLDER = "cloudresourcemanager.googleapis.com/Folder";
  static final String ORGANIZATION = "cloudresourcemanager.googleapis.com/Organization";
  static final String ROLE = "iam.googleapis.com/Role";
  static final int PAGE_SIZE = 1000;

  private final AssetServiceClient client;
  private final Retrying retrying;

  AssetInventory(AssetServiceClient client, Retrying retrying) {
    this.client = client;
    this.retrying = retrying;
  }

  /** Remote repositories of the given formats (NPM, MAVEN, ...): identities only, credentials are redacted here. */
  void readRepositories(Scope scope, Set<String> formats, OrgSnapshot into) {
    List<Repository> found = new java.util.ArrayList<>();
    listAssets(scope, ContentType.RESOURCE, List.of(REPOSITORY), asset -> {
      Struct data = asset.getResource().getData();
      String format = string(data, "format");
      String mode = string(data, "mode");
      if (!"REMOTE_REPOSITORY".equals(mode) || !formats.contains(format)) {
        return;
      }
      String name = string(data, "name");
      if (name.isEmpty()) {
        name = asset.getName().replaceFirst("^//artifactregistry.googleapis.com/", "");
      }
      String[] parts = name.split("/");
      if (parts.length != 6) {
        return;
      }
      List<String> ancestors = asset.getAncestorsList();
      String projectNumber = ancestors.isEmpty() ? "" : ancestors.get(0).replaceFirst("^projects/", "");
      String location = asset.getResource().getLocation().isEmpty() ? parts[3] : asset.getResource().getLocation();
      var repo = Protos.fromStruct(data, com.google.devtools.artifactregistry.v1.Repository.newBuilder()).build();
      found.add(new Repository(name, parts[1], projectNumber, location, parts[5], format, mode,
          Protos.upstream(repo), ancestors));
      noteOrganization(ancestors, into);
    });
    synchronized (into.repositories) {
      into.repositories.addAll(found);
    }
  }

  /** Projects, secrets, secret versions and custom roles. */
  void readResources(Scope scope, OrgSnapshot into) {
    listAssets(scope, ContentType.RESOURCE, List.of(PROJECT, SECRET, SECRET_VERSION, ROLE), asset -> {
      Struct data = asset.getResource().getData();
      switch (asset.getAssetType()) {
        case PROJECT -> into.addProject(string(data, "projectId"), string(data, "projectNumber"), asset.getAncestorsList());
        case SECRET -> {
          Secret secret = Protos.fromStruct(data, Secret.newBuilder()).build();
          String name = resourceName(asset);
          into.secrets.put(name, new OrgSnapshot.SecretMeta(name, Protos.expireTime(secret),
              secret.getVersionAliasesMap(), asset.getAncestorsList()));
        }
        case SECRET_VERSION -> {
          SecretVersion version = Protos.fromStruct(data, SecretVersion.newBuilder()).build();
          String name = resourceName(asset);
          into.addVersion(name.substring(0, name.indexOf("/versions/")), Protos.version(
              version.toBuilder().setName(name).build()));
        }
        case ROLE -> {
          Set<String> permissions = new HashSet<>();
          Value included = data.getFieldsOrDefault("includedPermissions", Value.getDefaultInstance());
          included.getListValue().getValuesList().forEach(v -> permissions.add(v.getStringValue()));
          String name = string(data, "name");
          into.customRoles.put(name.isEmpty() ? resourceName(asset) : name, Set.copyOf(permissions));
        }
        default -> { }
      }
      noteOrganization(asset.getAncestorsList(), into);
    });
  }

  /** Allow policies of the organization, folders, projects and secrets in the scope. */
  void readPolicies(Scope scope, OrgSnapshot into) {
    listAssets(scope, ContentType.IAM_POLICY, List.of(ORGANIZATION, FOLDER, PROJECT, SECRET), asset -> {
      if (asset.hasIamPolicy()) {
        into.policies.put(resourceName(asset), Protos.bindings(asset.getIamPolicy()));
      }
    });
  }

  private void listAssets(Scope scope, ContentType contentType, List<String> types, Consumer<Asset> sink) {
    ListAssetsRequest request = ListAssetsRequest.newBuilder()
        .setParent(scope.resource())
        .setContentType(contentType)
        .addAllAssetTypes(types)
        .setPageSize(PAGE_SIZE)
        .build();
    // Pages are fetched one at a time, each with its own retries, so memory holds one page.
    AssetServiceClient.ListAssetsPage page = retrying.call(RateLimits.Quota.ASSET_LIST_ASSETS, "", () -> client.listAssets(request).getPage());
    while (true) {
      page.getValues().forEach(sink);
      if (!page.hasNextPage()) {
        return;
      }
      AssetServiceClient.ListAssetsPage current = page;
      page = retrying.call(RateLimits.Quota.ASSET_LIST_ASSETS, "", current::getNextPage);
    }
  }

  private static void noteOrganization(List<String> ancestors, OrgSnapshot into) {
    if (into.organization.isEmpty() && !ancestors.isEmpty()) {
      String last = ancestors.get(ancestors.size() - 1);
      if (last.startsWith("organizations/")) {
        into.organization = last;
      }
    }
  }

  /** //secretmanager.googleapis.com/projects/N/secrets/S becomes projects/N/secrets/S. */
  static String resourceName(Asset asset) {
    String name = asset.getName();
    int start = name.indexOf('/', 2);
    return start < 0 ? name : name.substring(start + 1);
  }

  private static String string(Struct data, String field) {
    Value v = data.getFieldsOrDefault(field, Value.getDefaultInstance());
    return v.hasStringValue() ? v.getStringValue() : v.hasNumberValue() ? String.valueOf((long) v.getNumberValue()) : "";
  }
}
