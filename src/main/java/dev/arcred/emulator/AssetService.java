package dev.arcred.emulator;

import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.AssetServiceGrpc;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesRequest;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesResponse;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesResponse.EffectiveIamPolicy;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesResponse.EffectiveIamPolicy.PolicyInfo;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.cloud.asset.v1.ListAssetsResponse;
import com.google.cloud.asset.v1.ResourceSearchResult;
import com.google.cloud.asset.v1.SearchAllResourcesRequest;
import com.google.cloud.asset.v1.SearchAllResourcesResponse;
import com.google.cloud.asset.v1.VersionedResource;
import com.google.common.base.CaseFormat;
import com.google.iam.v1.Policy;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.Timestamps;
import io.grpc.stub.StreamObserver;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Cloud Asset Inventory v1 (https://cloud.google.com/asset-inventory/docs/reference/rpc/google.cloud.asset.v1):
 * ListAssets, SearchAllResources and BatchGetEffectiveIamPolicies over the fleet. Every other method answers
 * UNIMPLEMENTED. A repository's upstream username and passwordSecretVersion never appear in an answer: the real
 * service redacts them.
 */
final class AssetService extends AssetServiceGrpc.AssetServiceImplBase {
  static final int LIST_ASSETS_DEFAULT = 100;
  static final int LIST_ASSETS_MAX = 1000;
  static final int SEARCH_DEFAULT = 10;
  static final int SEARCH_MAX = 500;
  static final int EFFECTIVE_POLICIES_MAX = 20;

  private static final Pattern SCOPE = Pattern.compile("^(organizations|folders|projects)/([^/]+)$");

  private final FleetState state;
  private final Clock clock;

  AssetService(FleetState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  /**
   * Page size: default 100; the reference says "minimum is 1, and maximum is 1000" (unlike SearchAllResources, it
   * does not say larger values are capped), so a size above 1000 or below 0 is INVALID_ARGUMENT.
   * Content type: unspecified gives names only ("If not specified, no content but the asset name will be
   * returned"); RESOURCE and IAM_POLICY are served; the others are not modelled and answer UNIMPLEMENTED.
   * Asset types are exact names or RE2-like regular expressions, as in the reference.
   */
  @Override
  public void listAssets(ListAssetsRequest request, StreamObserver<ListAssetsResponse> observer) {
    Errors.answer(observer, () -> {
      String scope = scope(request.getParent(), "parent");
      if (request.getRelationshipTypesCount() > 0) {
        throw Errors.unimplemented("relationship_types");
      }
      int size = Pages.size(request.getPageSize(), LIST_ASSETS_DEFAULT, LIST_ASSETS_MAX, true);
      Predicate<String> types = types(request.getAssetTypesList());
      ContentType content = request.getContentType();
      List<Asset> source = switch (content) {
        case CONTENT_TYPE_UNSPECIFIED -> state.resourceAssets().stream().map(AssetService::nameOnly).toList();
        case RESOURCE -> state.resourceAssets().stream().map(AssetService::redact).toList();
        case IAM_POLICY -> state.policyAssets();
        default -> throw Errors.unimplemented("content_type " + content);
      };
      List<Asset> inScope = source.stream()
          .filter(a -> a.getAncestorsList().contains(scope) && types.test(a.getAssetType())).toList();
      Pages.Page<Asset> page = Pages.page(inScope, Asset::getName, request.getPageToken(),
          "ListAssets|" + scope + "|" + content + "|" + request.getAssetTypesList(), size);
      return ListAssetsResponse.newBuilder().addAllAssets(page.items()).setNextPageToken(page.nextPageToken())
          .setReadTime(Timestamps.fromMillis(clock.millis())).build();
    });
  }

  /**
   * Page size: "capped at 500 even if a larger value is given"; zero or negative lets the server pick (the
   * reference names no number: 10 here). {@code query} and {@code order_by} are not modelled: UNIMPLEMENTED rather
   * than an answer that ignores them. The read mask works as documented: unset gives every field but the large
   * ones (versionedResources), {@code *} gives all, an unknown path is INVALID_ARGUMENT.
   */
  @Override
  public void searchAllResources(
      SearchAllResourcesRequest request, StreamObserver<SearchAllResourcesResponse> observer) {
    Errors.answer(observer, () -> {
      String scope = scope(request.getScope(), "scope");
      if (!request.getQuery().isBlank()) {
        throw Errors.unimplemented("query (filter with asset_types instead)");
      }
      if (!request.getOrderBy().isBlank()) {
        throw Errors.unimplemented("order_by");
      }
      int size = request.getPageSize() <= 0 ? SEARCH_DEFAULT : Math.min(request.getPageSize(), SEARCH_MAX);
      Predicate<String> types = types(request.getAssetTypesList());
      ReadMask mask = ReadMask.of(request.getReadMask());
      List<Asset> inScope = state.resourceAssets().stream()
          .filter(a -> a.getAncestorsList().contains(scope) && types.test(a.getAssetType())).toList();
      Pages.Page<Asset> page = Pages.page(inScope, Asset::getName, request.getPageToken(),
          "SearchAllResources|" + scope + "|" + request.getAssetTypesList() + "|" + mask, size);
      SearchAllResourcesResponse.Builder response = SearchAllResourcesResponse.newBuilder();
      for (Asset asset : page.items()) {
        response.addResults(mask.apply(searchResult(asset)));
      }
      return response.setNextPageToken(page.nextPageToken()).build();
    });
  }

  /**
   * For each name, the policies set on the resource and on its ancestors, nearest first, up to and including the
   * scope: the reference says "Only IAM policies on or below the scope will be returned" and "those set on its
   * parents and ancestors up to the scope". A name that does not exist is NOT_FOUND; one that exists outside the
   * scope is INVALID_ARGUMENT (the reference says neither; a loud answer beats an empty one that reads as "no
   * access"). Resources without a policy are left out of {@code policies}, as the reference describes.
   */
  @Override
  public void batchGetEffectiveIamPolicies(
      BatchGetEffectiveIamPoliciesRequest request, StreamObserver<BatchGetEffectiveIamPoliciesResponse> observer) {
    Errors.answer(observer, () -> {
      String scope = scope(request.getScope(), "scope");
      if (request.getNamesCount() == 0) {
        throw Errors.invalid("names is required");
      }
      if (request.getNamesCount() > EFFECTIVE_POLICIES_MAX) {
        throw Errors.invalid("A maximum of " + EFFECTIVE_POLICIES_MAX
            + " resources' effective policies can be retrieved in a batch; got " + request.getNamesCount());
      }
      BatchGetEffectiveIamPoliciesResponse.Builder response = BatchGetEffectiveIamPoliciesResponse.newBuilder();
      for (String name : request.getNamesList()) {
        String canonical = state.canonicalFullName(name)
            .orElseThrow(() -> Errors.notFound("Resource not found: " + name));
        List<String> ancestors = state.ancestors(canonical);
        if (!ancestors.contains(scope)) {
          throw Errors.invalid(name + " is not within the scope " + scope + " (its ancestors: " + ancestors + ")");
        }
        List<String> chain = new ArrayList<>();
        chain.add(canonical);
        for (String ancestor : ancestors) {
          String full = FleetState.ancestorFullName(ancestor);
          if (!chain.contains(full)) {
            chain.add(full);
          }
          if (ancestor.equals(scope)) {
            break;
          }
        }
        EffectiveIamPolicy.Builder result = EffectiveIamPolicy.newBuilder().setFullResourceName(name);
        for (String attached : chain) {
          Optional<Policy> policy = state.iamPolicy(attached).filter(p -> p.getBindingsCount() > 0);
          policy.ifPresent(p -> result.addPolicies(
              PolicyInfo.newBuilder().setAttachedResource(attached).setPolicy(p)));
        }
        response.addPolicyResults(result);
      }
      return response.build();
    });
  }

  /**
   * The scope as it appears in ancestors ({@code projects/N}, {@code folders/N}, {@code organizations/N}). A
   * malformed one is INVALID_ARGUMENT. One that names nothing in the fleet is NOT_FOUND: Google would answer
   * PERMISSION_DENIED (it does not reveal what exists), but the emulator keeps that code for the denials it is told
   * to make, so that a test can tell the two apart.
   */
  private String scope(String value, String field) {
    var m = SCOPE.matcher(value);
    if (!m.matches()) {
      throw Errors.invalid(field + " must be organizations/{number}, folders/{number} or projects/{id or number}, not '"
          + value + "'");
    }
    String kind = m.group(1);
    String id = m.group(2);
    return switch (kind) {
      case "organizations" -> {
        if (!value.equals(state.organization())) {
          throw Errors.notFound("Organization not found: " + value);
        }
        yield value;
      }
      case "folders" -> {
        if (!state.folders().contains(value)) {
          throw Errors.notFound("Folder not found: " + value);
        }
        yield value;
      }
      default -> state.project(id).map(FleetState.Project::name)
          .orElseThrow(() -> Errors.notFound("Project not found: " + value));
    };
  }

  private static Predicate<String> types(List<String> assetTypes) {
    if (assetTypes.isEmpty()) {
      return t -> true;
    }
    List<Pattern> patterns = new ArrayList<>();
    for (String type : assetTypes) {
      try {
        patterns.add(Pattern.compile(type));
      } catch (PatternSyntaxException e) {
        throw Errors.invalid("Invalid asset type (neither a type nor a regular expression): " + type);
      }
    }
    return t -> patterns.stream().anyMatch(p -> p.matcher(t).matches());
  }

  private static Asset nameOnly(Asset asset) {
    Asset.Builder b = Asset.newBuilder().setName(asset.getName()).setAssetType(asset.getAssetType())
        .addAllAncestors(asset.getAncestorsList());
    if (asset.hasUpdateTime()) {
      b.setUpdateTime(asset.getUpdateTime());
    }
    return b.build();
  }

  /** A repository's asset without the upstream username and passwordSecretVersion; other assets as they are. */
  static Asset redact(Asset asset) {
    if (!asset.getAssetType().equals(FleetState.REPOSITORY) || !asset.hasResource()) {
      return asset;
    }
    return asset.toBuilder()
        .setResource(asset.getResource().toBuilder().setData(redact(asset.getResource().getData()))).build();
  }

  private static final String[][] CREDENTIAL_PATH = {
      {"remoteRepositoryConfig", "remote_repository_config"},
      {"upstreamCredentials", "upstream_credentials"},
      {"usernamePasswordCredentials", "username_password_credentials"}};
  private static final String[][] CREDENTIAL_FIELDS = {{"username"}, {"passwordSecretVersion",
      "password_secret_version"}};

  static Struct redact(Struct data) {
    return redactAt(data, 0);
  }

  private static Struct redactAt(Struct struct, int depth) {
    Struct.Builder b = struct.toBuilder();
    if (depth == CREDENTIAL_PATH.length) {
      for (String[] names : CREDENTIAL_FIELDS) {
        for (String name : names) {
          b.removeFields(name);
        }
      }
      return b.build();
    }
    for (String name : CREDENTIAL_PATH[depth]) {
      Value v = struct.getFieldsOrDefault(name, null);
      if (v != null && v.hasStructValue()) {
        b.putFields(name, Value.newBuilder().setStructValue(redactAt(v.getStructValue(), depth + 1)).build());
      }
    }
    return b.build();
  }

  private ResourceSearchResult searchResult(Asset asset) {
    Struct data = asset.getResource().getData();
    ResourceSearchResult.Builder r = ResourceSearchResult.newBuilder()
        .setName(asset.getName())
        .setAssetType(asset.getAssetType())
        .setOrganization(state.organization())
        .setLocation(asset.getResource().getLocation().isEmpty() ? "global" : asset.getResource().getLocation())
        .setDisplayName(displayName(asset, data));
    String self = asset.getName().startsWith(FleetState.CRM) ? asset.getName().substring(FleetState.CRM.length())
        : "";
    for (String ancestor : asset.getAncestorsList()) {
      if (ancestor.startsWith("projects/") && r.getProject().isEmpty()) {
        r.setProject(ancestor);
      } else if (ancestor.startsWith("folders/") && !ancestor.equals(self)) {
        r.addFolders(ancestor);
      }
    }
    text(data, "description").ifPresent(r::setDescription);
    text(data, "state").or(() -> text(data, "lifecycleState")).ifPresent(r::setState);
    text(data, "createTime").flatMap(AssetService::timestamp).ifPresent(r::setCreateTime);
    text(data, "updateTime").flatMap(AssetService::timestamp).ifPresent(r::setUpdateTime);
    Value labels = data.getFieldsOrDefault("labels", null);
    if (labels != null && labels.hasStructValue()) {
      labels.getStructValue().getFieldsMap().forEach((k, v) -> r.putLabels(k, v.getStringValue()));
    }
    String parent = asset.getResource().getParent();
    if (!parent.isEmpty()) {
      r.setParentFullResourceName(parent);
      state.assetType(parent).ifPresent(r::setParentAssetType);
    }
    r.addVersionedResources(VersionedResource.newBuilder()
        .setVersion(asset.getResource().getVersion()).setResource(redact(asset).getResource().getData()));
    return r.build();
  }

  private static String displayName(Asset asset, Struct data) {
    Optional<String> explicit = text(data, "displayName");
    if (explicit.isPresent()) {
      return explicit.get();
    }
    if (asset.getAssetType().equals(FleetState.PROJECT)) {
      return text(data, "name").orElse(text(data, "projectId").orElse(""));
    }
    return asset.getName().substring(asset.getName().lastIndexOf('/') + 1);
  }

  private static Optional<String> text(Struct data, String field) {
    Value v = data.getFieldsOrDefault(field, null);
    return v != null && v.hasStringValue() && !v.getStringValue().isEmpty() ? Optional.of(v.getStringValue())
        : Optional.empty();
  }

  private static Optional<com.google.protobuf.Timestamp> timestamp(String rfc3339) {
    try {
      return Optional.of(Timestamps.parse(rfc3339));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  /** SearchAllResources' read_mask: which fields of each result are returned. */
  private record ReadMask(FieldMask mask, boolean all) {
    static ReadMask of(FieldMask requested) {
      if (requested.getPathsCount() == 0) {
        return new ReadMask(null, false);
      }
      if (requested.getPathsList().contains("*")) {
        return new ReadMask(null, true);
      }
      FieldMask.Builder snake = FieldMask.newBuilder();
      for (String path : requested.getPathsList()) {
        String converted = java.util.Arrays.stream(path.trim().split("\\."))
            .map(p -> CaseFormat.LOWER_CAMEL.to(CaseFormat.LOWER_UNDERSCORE, p))
            .collect(Collectors.joining("."));
        if (!FieldMaskUtil.isValid(ResourceSearchResult.class, converted)) {
          throw Errors.invalid("Invalid read_mask path: " + path);
        }
        snake.addPaths(converted);
      }
      return new ReadMask(snake.build(), false);
    }

    ResourceSearchResult apply(ResourceSearchResult full) {
      if (all) {
        return full;
      }
      if (mask == null) {
        return full.toBuilder().clearVersionedResources().clearAttachedResources().clearEffectiveTags().build();
      }
      ResourceSearchResult.Builder b = ResourceSearchResult.newBuilder();
      FieldMaskUtil.merge(mask, full, b);
      return b.build();
    }

    @Override
    public String toString() {
      return all ? "*" : mask == null ? "" : String.join(",", mask.getPathsList());
    }
  }
}
