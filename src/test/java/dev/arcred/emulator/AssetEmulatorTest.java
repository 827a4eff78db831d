package dev.arcred.emulator;

import static dev.arcred.emulator.ApiErrors.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.AssetServiceClient;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesRequest;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesResponse.EffectiveIamPolicy;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesResponse.EffectiveIamPolicy.PolicyInfo;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.cloud.asset.v1.ListAssetsResponse;
import com.google.cloud.asset.v1.ResourceSearchResult;
import com.google.cloud.asset.v1.SearchAllResourcesRequest;
import com.google.cloud.asset.v1.SearchAllResourcesResponse;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AssetEmulatorTest {
  private static final String REPOSITORY = FleetState.REPOSITORY;
  private static final String NPM_REMOTE =
      "//artifactregistry.googleapis.com/projects/team-a/locations/us-central1/repositories/npm-remote";
  private static final String NPM_TOKEN = "//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token";

  private static TestFleet.Running run;
  private static AssetServiceClient asset;

  @BeforeAll
  static void start() throws Exception {
    run = TestFleet.Running.start(FleetState.parse("bulk.ndjson", ApiErrors.withBulkRepositories(1200)),
        EmulatorOptions.defaults());
    asset = run.clients().asset();
  }

  @AfterAll
  static void stop() {
    run.close();
  }

  private static List<Asset> list(String parent, ContentType content, String... types) {
    List<Asset> all = new ArrayList<>();
    asset.listAssets(ListAssetsRequest.newBuilder().setParent(parent).setContentType(content)
        .addAllAssetTypes(List.of(types)).build()).iterateAll().forEach(all::add);
    return all;
  }

  private static List<String> names(List<Asset> assets) {
    return assets.stream().map(Asset::getName).toList();
  }

  @Test
  void listAssetsScopesByOrganizationFolderAndProject() {
    String[] small = {"cloudresourcemanager.*", "secretmanager.*", "iam.*", REPOSITORY};
    List<Asset> org = list(TestFleet.ORG, ContentType.RESOURCE, small);
    assertThat(org).hasSize(17 + 1200);
    assertThat(org).allSatisfy(a -> assertThat(a.hasResource()).isTrue());
    List<Asset> platform = list("folders/200000000001", ContentType.RESOURCE, "cloudresourcemanager.*",
        "secretmanager.*", "iam.*");
    assertThat(names(platform)).containsExactlyInAnyOrder(
        "//cloudresourcemanager.googleapis.com/folders/200000000001",
        "//cloudresourcemanager.googleapis.com/folders/200000000002",
        "//cloudresourcemanager.googleapis.com/projects/300000000001",
        NPM_TOKEN, NPM_TOKEN + "/versions/1", NPM_TOKEN + "/versions/2", NPM_TOKEN + "/versions/3",
        "//secretmanager.googleapis.com/projects/300000000001/secrets/empty");
    List<Asset> teamB = list("projects/team-b", ContentType.RESOURCE);
    assertThat(names(teamB)).containsExactly(
        "//artifactregistry.googleapis.com/projects/team-b/locations/us-central1/repositories/npm-b",
        "//cloudresourcemanager.googleapis.com/projects/300000000002",
        "//secretmanager.googleapis.com/projects/300000000002/secrets/tok",
        "//secretmanager.googleapis.com/projects/300000000002/secrets/tok/versions/1");
    assertThat(names(list("projects/300000000002", ContentType.RESOURCE))).isEqualTo(names(teamB));
    assertThat(list("projects/team-a", ContentType.RESOURCE, REPOSITORY)).hasSize(3 + 1200);
    assertThat(names(list(TestFleet.ORG, ContentType.RESOURCE, "iam.googleapis.com/Role")))
        .containsExactly("//iam.googleapis.com/organizations/100000000001/roles/secretReader");
  }

  @Test
  void customRolesKeepTheirPermissions() {
    Asset role = list(TestFleet.ORG, ContentType.RESOURCE, "iam.googleapis.com/Role").get(0);
    assertThat(role.getResource().getData().getFieldsOrThrow("includedPermissions").getListValue().getValuesList())
        .extracting(v -> v.getStringValue()).contains("secretmanager.versions.access");
  }

  @Test
  void iamPolicyContentListsPoliciesWithoutResources() {
    List<Asset> policies = list(TestFleet.ORG, ContentType.IAM_POLICY);
    assertThat(names(policies)).containsExactly(
        "//cloudresourcemanager.googleapis.com/folders/200000000002",
        "//cloudresourcemanager.googleapis.com/organizations/100000000001",
        "//cloudresourcemanager.googleapis.com/projects/300000000001",
        NPM_TOKEN);
    assertThat(policies).allSatisfy(a -> {
      assertThat(a.hasResource()).isFalse();
      assertThat(a.getIamPolicy().getBindingsCount()).isPositive();
      assertThat(a.getIamPolicy().getEtag().isEmpty()).isFalse();
      assertThat(a.getAncestorsList()).last().isEqualTo(TestFleet.ORG);
    });
    Asset secretPolicy = policies.get(3);
    assertThat(secretPolicy.getIamPolicy().getVersion()).isEqualTo(3);
    assertThat(secretPolicy.getIamPolicy().getBindings(1).getCondition().getTitle()).isEqualTo("until 2027");
    // the same etag as Secret Manager's own answer
    assertThat(secretPolicy.getIamPolicy().getEtag()).isEqualTo(run.clients().secretManager().getIamPolicy(
        GetIamPolicyRequest.newBuilder().setResource("projects/team-a/secrets/npm-token")
            .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3)).build()).getEtag());
    assertThat(list("projects/team-b", ContentType.IAM_POLICY)).isEmpty();
    assertThat(names(list("folders/200000000002", ContentType.IAM_POLICY, "secretmanager.*")))
        .containsExactly(NPM_TOKEN);
  }

  @Test
  void unspecifiedContentGivesNamesOnly() {
    List<Asset> bare = list("projects/team-b", ContentType.CONTENT_TYPE_UNSPECIFIED);
    assertThat(bare).hasSize(4).allSatisfy(a -> {
      assertThat(a.hasResource()).isFalse();
      assertThat(a.hasIamPolicy()).isFalse();
      assertThat(a.getAssetType()).isNotEmpty();
    });
    assertThat(code(() -> list(TestFleet.ORG, ContentType.ORG_POLICY))).isEqualTo(Code.UNIMPLEMENTED);
  }

  @Test
  void repositoriesAreRedactedInEveryCloudAssetAnswer() throws Exception {
    Asset remote = list("projects/team-a", ContentType.RESOURCE, REPOSITORY).stream()
        .filter(a -> a.getName().equals(NPM_REMOTE)).findFirst().orElseThrow();
    Struct data = remote.getResource().getData();
    assertThat(data.getFieldsOrThrow("format").getStringValue()).isEqualTo("NPM");
    assertThat(data.getFieldsOrThrow("mode").getStringValue()).isEqualTo("REMOTE_REPOSITORY");
    Struct config = data.getFieldsOrThrow("remoteRepositoryConfig").getStructValue();
    assertThat(config.getFieldsOrThrow("npmRepository").getStructValue().getFieldsOrThrow("publicRepository")
        .getStringValue()).isEqualTo("NPMJS");
    Struct credentials = config.getFieldsOrThrow("upstreamCredentials").getStructValue()
        .getFieldsOrThrow("usernamePasswordCredentials").getStructValue();
    assertThat(credentials.getFieldsMap()).doesNotContainKeys("username", "passwordSecretVersion");

    ListAssetsResponse listed = asset.listAssetsCallable().call(ListAssetsRequest.newBuilder()
        .setParent("projects/team-b").setContentType(ContentType.RESOURCE).build());
    SearchAllResourcesResponse searched = asset.searchAllResourcesCallable().call(SearchAllResourcesRequest
        .newBuilder().setScope(TestFleet.ORG).addAssetTypes(REPOSITORY).setPageSize(500)
        .setReadMask(FieldMask.newBuilder().addPaths("*")).build());
    assertThat(searched.getResultsList()).allSatisfy(r -> assertThat(r.getVersionedResourcesCount()).isOne());
    for (String json : List.of(JsonFormat.printer().print(listed), JsonFormat.printer().print(searched))) {
      assertThat(json).contains("usernamePasswordCredentials")
          .doesNotContain("passwordSecretVersion", "ci-reader", "\"bob\"", "\"bulk\"", "username\"");
    }
    // while Artifact Registry itself returns them
    assertThat(run.clients().artifactRegistry().getRepository(NPM_REMOTE.substring(NPM_REMOTE.indexOf("projects/")))
        .getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials().getUsername())
        .isEqualTo("ci-reader");
  }

  @Test
  void listAssetsPagesServeEachAssetOnceAndRejectSizesAbove1000() {
    ListAssetsRequest base = ListAssetsRequest.newBuilder().setParent(TestFleet.ORG)
        .setContentType(ContentType.RESOURCE).build();
    assertThat(asset.listAssetsCallable().call(base).getAssetsCount()).isEqualTo(100);
    assertThat(asset.listAssetsCallable().call(base.toBuilder().setPageSize(1000).build()).getAssetsCount())
        .isEqualTo(1000);
    assertThat(code(() -> asset.listAssetsCallable().call(base.toBuilder().setPageSize(1001).build())))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> asset.listAssetsCallable().call(base.toBuilder().setPageSize(-5).build())))
        .isEqualTo(Code.INVALID_ARGUMENT);

    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListAssetsResponse page = asset.listAssetsCallable().call(base.toBuilder().setPageSize(250)
          .setPageToken(token).build());
      page.getAssetsList().forEach(a -> seen.add(a.getName()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(pages).isEqualTo(5);
    assertThat(seen).hasSize(1217).doesNotHaveDuplicates();
    List<String> sorted = new ArrayList<>(seen);
    Collections.sort(sorted);
    assertThat(seen).isEqualTo(sorted);
  }

  @Test
  void badTokensAndScopes() {
    ListAssetsRequest base = ListAssetsRequest.newBuilder().setParent(TestFleet.ORG)
        .setContentType(ContentType.RESOURCE).setPageSize(5).build();
    String token = asset.listAssetsCallable().call(base).getNextPageToken();
    assertThat(code(() -> asset.listAssetsCallable().call(base.toBuilder().setPageToken("bm9wZQ").build())))
        .isEqualTo(Code.INVALID_ARGUMENT);
    // a token of another listing (other parent, other content type)
    assertThat(code(() -> asset.listAssetsCallable().call(base.toBuilder().setParent("projects/team-a")
        .setPageToken(token).build()))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> asset.listAssetsCallable().call(base.toBuilder().setContentType(ContentType.IAM_POLICY)
        .setPageToken(token).build()))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> list("organizations/999", ContentType.RESOURCE))).isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> list("folders/999", ContentType.RESOURCE))).isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> list("projects/nope", ContentType.RESOURCE))).isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> list("team-a", ContentType.RESOURCE))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> list("projects/team-a/locations/x", ContentType.RESOURCE)))
        .isEqualTo(Code.INVALID_ARGUMENT);
  }

  @Test
  void searchAllResourcesDescribesEachResource() {
    SearchAllResourcesResponse response = asset.searchAllResourcesCallable().call(SearchAllResourcesRequest
        .newBuilder().setScope("projects/team-a").addAssetTypes(REPOSITORY).setPageSize(500).build());
    ResourceSearchResult remote = response.getResultsList().stream()
        .filter(r -> r.getName().equals(NPM_REMOTE)).findFirst().orElseThrow();
    assertThat(remote.getAssetType()).isEqualTo(REPOSITORY);
    assertThat(remote.getProject()).isEqualTo("projects/300000000001");
    assertThat(remote.getFoldersList()).containsExactly("folders/200000000002", "folders/200000000001");
    assertThat(remote.getOrganization()).isEqualTo(TestFleet.ORG);
    assertThat(remote.getLocation()).isEqualTo("us-central1");
    assertThat(remote.getDisplayName()).isEqualTo("npm-remote");
    assertThat(remote.getDescription()).isEqualTo("npmjs proxy");
    assertThat(remote.getLabelsMap()).containsEntry("team", "a");
    assertThat(remote.getParentFullResourceName()).isEqualTo("//cloudresourcemanager.googleapis.com/projects/300000000001");
    assertThat(remote.getParentAssetType()).isEqualTo(FleetState.PROJECT);
    assertThat(remote.getCreateTime().getSeconds()).isEqualTo(1740787200L);
    assertThat(remote.getVersionedResourcesList()).as("large fields only on request").isEmpty();

    ResourceSearchResult masked = asset.searchAllResourcesCallable().call(SearchAllResourcesRequest.newBuilder()
        .setScope("projects/team-b").addAssetTypes(REPOSITORY)
        .setReadMask(FieldMask.newBuilder().addPaths("name").addPaths("versionedResources")).build()).getResults(0);
    assertThat(masked.getName()).endsWith("/repositories/npm-b");
    assertThat(masked.getProject()).isEmpty();
    assertThat(masked.getVersionedResources(0).getVersion()).isEqualTo("v1");
    assertThat(masked.getVersionedResources(0).getResource().getFieldsOrThrow("format").getStringValue())
        .isEqualTo("NPM");
    assertThat(code(() -> asset.searchAllResourcesCallable().call(SearchAllResourcesRequest.newBuilder()
        .setScope(TestFleet.ORG).setReadMask(FieldMask.newBuilder().addPaths("nope")).build())))
        .isEqualTo(Code.INVALID_ARGUMENT);
  }

  @Test
  void searchPagesDefaultTo10AndAreCappedAt500() {
    SearchAllResourcesRequest base = SearchAllResourcesRequest.newBuilder().setScope(TestFleet.ORG)
        .addAssetTypes(REPOSITORY).build();
    assertThat(asset.searchAllResourcesCallable().call(base).getResultsCount()).isEqualTo(10);
    assertThat(asset.searchAllResourcesCallable().call(base.toBuilder().setPageSize(5000).build())
        .getResultsCount()).isEqualTo(500);
    List<String> seen = new ArrayList<>();
    asset.searchAllResources(base.toBuilder().setPageSize(300).build()).iterateAll()
        .forEach(r -> seen.add(r.getName()));
    assertThat(seen).hasSize(1204).doesNotHaveDuplicates();
    assertThat(code(() -> asset.searchAllResourcesCallable().call(base.toBuilder().setPageToken("x").build())))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> asset.searchAllResourcesCallable().call(base.toBuilder().setQuery("name:npm").build())))
        .isEqualTo(Code.UNIMPLEMENTED);
  }

  @Test
  void effectivePoliciesComeNearestFirstUpToTheScope() {
    EffectiveIamPolicy org = effective(TestFleet.ORG,
        "//secretmanager.googleapis.com/projects/team-a/secrets/npm-token").get(0);
    assertThat(org.getFullResourceName()).isEqualTo("//secretmanager.googleapis.com/projects/team-a/secrets/npm-token");
    assertThat(org.getPoliciesList()).extracting(PolicyInfo::getAttachedResource).containsExactly(
        NPM_TOKEN,
        "//cloudresourcemanager.googleapis.com/projects/300000000001",
        "//cloudresourcemanager.googleapis.com/folders/200000000002",
        "//cloudresourcemanager.googleapis.com/organizations/100000000001");
    assertThat(org.getPolicies(0).getPolicy().getBindings(1).getCondition().getTitle()).isEqualTo("until 2027");
    assertThat(org.getPolicies(1).getPolicy().getBindings(0).getRole()).isEqualTo("roles/owner");
    assertThat(org.getPolicies(3).getPolicy().getBindings(0).getMembersList())
        .containsExactly("group:org-readers@example.org");

    // a narrower scope stops there ("Only IAM policies on or below the scope will be returned")
    EffectiveIamPolicy folder = effective("folders/200000000002", NPM_TOKEN).get(0);
    assertThat(folder.getPoliciesList()).extracting(PolicyInfo::getAttachedResource).containsExactly(
        NPM_TOKEN,
        "//cloudresourcemanager.googleapis.com/projects/300000000001",
        "//cloudresourcemanager.googleapis.com/folders/200000000002");

    List<EffectiveIamPolicy> two = effective("organizations/100000000001",
        "//secretmanager.googleapis.com/projects/300000000002/secrets/tok", NPM_REMOTE);
    assertThat(two.get(0).getPoliciesList()).extracting(PolicyInfo::getAttachedResource)
        .containsExactly("//cloudresourcemanager.googleapis.com/organizations/100000000001");
    assertThat(two.get(1).getFullResourceName()).isEqualTo(NPM_REMOTE);
    assertThat(two.get(1).getPoliciesCount()).isEqualTo(3);
  }

  @Test
  void effectivePoliciesRefuseWhatTheyCannotAnswer() {
    assertThat(code(() -> effective(TestFleet.ORG, "//secretmanager.googleapis.com/projects/team-a/secrets/nope")))
        .isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> effective("projects/team-b", NPM_TOKEN))).isEqualTo(Code.INVALID_ARGUMENT);
    String[] many = new String[21];
    java.util.Arrays.fill(many, NPM_TOKEN);
    assertThat(code(() -> effective(TestFleet.ORG, many))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(effective(TestFleet.ORG, java.util.Arrays.copyOf(many, 20))).hasSize(20);
  }

  @Test
  void methodsNotServedAreUnimplemented() {
    assertThat(code(() -> asset.createFeed("projects/team-a"))).isEqualTo(Code.UNIMPLEMENTED);
    assertThat(code(() -> asset.getFeed("projects/team-a/feeds/f"))).isEqualTo(Code.UNIMPLEMENTED);
  }

  private static List<EffectiveIamPolicy> effective(String scope, String... names) {
    return asset.batchGetEffectiveIamPolicies(BatchGetEffectiveIamPoliciesRequest.newBuilder().setScope(scope)
        .addAllNames(List.of(names)).build()).getPolicyResultsList();
  }
}
