package dev.arcred.emulator;

import static dev.arcred.emulator.ApiErrors.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.devtools.artifactregistry.v1.ArtifactRegistryClient;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.devtools.artifactregistry.v1.UpdateRepositoryRequest;
import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Timestamps;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WritesTest {
  private static final String SECRET = "projects/team-a/secrets/npm-token";
  private static final String REPO = "projects/team-a/locations/us-central1/repositories/npm-remote";
  private static final String AGENT_B = "serviceAccount:service-300000000002@gcp-sa-artifactregistry.iam.gserviceaccount.com";
  private static final String PASSWORD_PATH =
      "remoteRepositoryConfig.upstreamCredentials.usernamePasswordCredentials.passwordSecretVersion";
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private TestFleet.Running run;
  private SecretManagerServiceClient sm;
  private ArtifactRegistryClient ar;

  @BeforeEach
  void start() {
    run = TestFleet.Running.start(EmulatorOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC))
        .denySecrets("projects/300000000002/secrets/tok"));
    sm = run.clients().secretManager();
    ar = run.clients().artifactRegistry();
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private Policy read(String resource, int version) {
    return sm.getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(resource)
        .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(version)).build());
  }

  private Policy write(String resource, Policy policy) {
    return sm.setIamPolicy(SetIamPolicyRequest.newBuilder().setResource(resource).setPolicy(policy).build());
  }

  private static Policy withAgentB(Policy policy) {
    return policy.toBuilder().addBindings(Binding.newBuilder().setRole("roles/secretmanager.secretAccessor")
        .addMembers(AGENT_B)).build();
  }

  @Test
  void readModifyWriteKeepsConditionsAndChangesTheEtag() {
    Policy before = read(SECRET, 3);
    Policy after = write(SECRET, withAgentB(before));
    assertThat(after.getVersion()).isEqualTo(3);
    assertThat(after.getEtag()).isNotEqualTo(before.getEtag());
    assertThat(after.getBindingsList()).hasSize(3);
    assertThat(after.getBindings(1)).isEqualTo(before.getBindings(1));
    assertThat(after.getBindings(1).getCondition().getExpression())
        .isEqualTo("request.time < timestamp('2027-01-01T00:00:00Z')");
    assertThat(read("projects/300000000001/secrets/npm-token", 3)).isEqualTo(after);

    // Cloud Asset sees the new policy with the same etag
    Asset asset = run.clients().asset().listAssets(ListAssetsRequest.newBuilder().setParent("projects/team-a")
        .setContentType(ContentType.IAM_POLICY).addAssetTypes(FleetState.SECRET).build()).iterateAll()
        .iterator().next();
    assertThat(asset.getIamPolicy()).isEqualTo(after);
  }

  @Test
  void aStaleEtagIsAbortedAndChangesNothing() {
    Policy read = read(SECRET, 3);
    Policy first = write(SECRET, withAgentB(read));
    long calls = run.emulator().calls().count("google.cloud.secretmanager.v1.SecretManagerService/SetIamPolicy");
    assertThat(code(() -> write(SECRET, read.toBuilder().clearBindings().build()))).isEqualTo(Code.ABORTED);
    assertThat(run.emulator().calls().count("google.cloud.secretmanager.v1.SecretManagerService/SetIamPolicy"))
        .as("the client does not retry an ABORTED write by itself").isEqualTo(calls + 1);
    assertThat(read(SECRET, 3)).isEqualTo(first);
  }

  @Test
  void withoutAnEtagTheWriteIsBlind() {
    Policy blind = write("projects/300000000001/secrets/empty", Policy.newBuilder()
        .addBindings(Binding.newBuilder().setRole("roles/secretmanager.secretAccessor").addMembers(AGENT_B)).build());
    assertThat(blind.getBindings(0).getMembersList()).containsExactly(AGENT_B);
    assertThat(blind.getVersion()).isEqualTo(1);
    assertThat(blind.getEtag().isEmpty()).isFalse();
  }

  @Test
  void conditionsNeedVersion3AndOldClientsCannotDropThem() {
    Policy v1 = read(SECRET, 1);
    assertThat(code(() -> write(SECRET, v1))).as("a v1 read written back").isEqualTo(Code.INVALID_ARGUMENT);
    Policy v3 = read(SECRET, 3);
    assertThat(code(() -> write(SECRET, v3.toBuilder().setVersion(1).build()))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> write(SECRET, v3.toBuilder().setVersion(1).removeBindings(1).build())))
        .as("with an etag, version 1 cannot replace a conditional policy").isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> write(SECRET, v3.toBuilder().setVersion(2).build()))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> write(SECRET, v3.toBuilder().addBindings(Binding.newBuilder()
        .setRole("roles/secretmanager.secretAccessor")).build()))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> write(SECRET, v3.toBuilder().addBindings(Binding.newBuilder()
        .setRole("roles/secretmanager.secretAccessor").addMembers("someone")).build())))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(read(SECRET, 3)).isEqualTo(v3);
  }

  @Test
  void rolesAreGrantedOnSecretsNeverOnVersions() {
    assertThat(code(() -> write(SECRET + "/versions/1", withAgentB(Policy.getDefaultInstance()))))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> write("projects/team-b/secrets/tok", withAgentB(Policy.getDefaultInstance()))))
        .isEqualTo(Code.PERMISSION_DENIED);
    assertThat(code(() -> write("projects/team-a/secrets/nope", withAgentB(Policy.getDefaultInstance()))))
        .isEqualTo(Code.NOT_FOUND);
  }

  private Repository update(String name, Repository values, String... paths) {
    return ar.updateRepository(UpdateRepositoryRequest.newBuilder()
        .setRepository(values.toBuilder().setName(name))
        .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths))).build());
  }

  @Test
  void updateRepositoryChangesOnlyTheNamedPaths() {
    Repository before = ar.getRepository(REPO);
    Repository values = before.toBuilder().setDescription("ignored").putLabels("ignored", "yes")
        .setRemoteRepositoryConfig(before.getRemoteRepositoryConfig().toBuilder().setUpstreamCredentials(
            before.getRemoteRepositoryConfig().getUpstreamCredentials().toBuilder().setUsernamePasswordCredentials(
                before.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials()
                    .toBuilder().setUsername("ignored").setPasswordSecretVersion(
                        "projects/300000000001/secrets/npm-token/versions/2")))).build();
    Repository after = update("projects/300000000001/locations/us-central1/repositories/npm-remote", values,
        PASSWORD_PATH);
    assertThat(after.getName()).isEqualTo(REPO);
    var credentials = after.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials();
    assertThat(credentials.getPasswordSecretVersion()).isEqualTo("projects/300000000001/secrets/npm-token/versions/2");
    assertThat(credentials.getUsername()).isEqualTo("ci-reader");
    assertThat(after.getUpdateTime()).isEqualTo(Timestamps.fromMillis(NOW.toEpochMilli()));
    Repository expected = before.toBuilder().setUpdateTime(after.getUpdateTime())
        .setRemoteRepositoryConfig(after.getRemoteRepositoryConfig()).build();
    assertThat(after).isEqualTo(expected);
    assertThat(ar.getRepository(REPO)).isEqualTo(after);

    // snake_case works too; a named field absent from the request is cleared
    Repository cleared = update(REPO, Repository.getDefaultInstance(),
        "remote_repository_config.upstream_credentials.username_password_credentials.username");
    assertThat(cleared.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials()
        .getUsername()).isEmpty();
    assertThat(cleared.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials()
        .getPasswordSecretVersion()).isEqualTo("projects/300000000001/secrets/npm-token/versions/2");
    assertThat(cleared.getDescription()).isEqualTo("npmjs proxy");

    // Cloud Asset still redacts the new values
    String assetJson = run.emulator().state().resourceAssets().stream()
        .filter(a -> a.getName().endsWith(REPO)).map(AssetService::redact).findFirst().orElseThrow().toString();
    assertThat(assetJson).doesNotContain("versions/2").contains("NPMJS");
  }

  @Test
  void updateRepositoryRefusesWhatItCannotDo() {
    Repository any = Repository.newBuilder().setDescription("x").build();
    assertThat(code(() -> update(REPO, any, "nope"))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> update(REPO, any, "remoteRepositoryConfig.nope"))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> update(REPO, any, "format"))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> update(REPO, any))).isEqualTo(Code.INVALID_ARGUMENT);
    String missing = "projects/team-a/locations/us-central1/repositories/new-one";
    assertThat(code(() -> update(missing, any, "description"))).isEqualTo(Code.NOT_FOUND);
    assertThat(run.emulator().state().repository(missing)).isEmpty();
    assertThat(ar.getRepository(REPO).getDescription()).isEqualTo("npmjs proxy");
  }

  @Test
  void deniedProjectsCannotBeUpdated() {
    try (var denied = TestFleet.Running.start(EmulatorOptions.defaults().denyProjects("team-a"))) {
      assertThat(code(() -> denied.clients().artifactRegistry().updateRepository(UpdateRepositoryRequest.newBuilder()
          .setRepository(Repository.newBuilder().setName(REPO).setDescription("x"))
          .setUpdateMask(FieldMask.newBuilder().addPaths("description")).build())))
          .isEqualTo(Code.PERMISSION_DENIED);
    }
  }

  @Test
  void toFleetWritesTheStateBackInTheSameFormat() throws Exception {
    StringWriter unchanged = new StringWriter();
    run.emulator().state().toFleet(unchanged);
    assertThat(Fleet.parse("out", unchanged.toString()).assets())
        .containsExactlyInAnyOrderElementsOf(Fleet.parse("in", TestFleet.TEXT).assets());

    write(SECRET, withAgentB(read(SECRET, 3)));
    update(REPO, Repository.newBuilder().setRemoteRepositoryConfig(ar.getRepository(REPO).getRemoteRepositoryConfig()
        .toBuilder().clearUpstreamCredentials()).build(), "remoteRepositoryConfig.upstreamCredentials");
    StringWriter changed = new StringWriter();
    run.emulator().state().toFleet(changed);
    FleetState reloaded = FleetState.parse("changed.ndjson", changed.toString());
    Policy policy = reloaded.iamPolicy("//secretmanager.googleapis.com/" + SECRET).orElseThrow();
    assertThat(policy.getBindingsList()).hasSize(3);
    assertThat(policy.getBindings(1).getCondition().getTitle()).isEqualTo("until 2027");
    assertThat(policy.getBindings(2).getMembersList()).containsExactly(AGENT_B);
    assertThat(reloaded.repository(REPO).orElseThrow().getRemoteRepositoryConfig().hasUpstreamCredentials()).isFalse();
    assertThat(reloaded.repository(REPO).orElseThrow().getUpdateTime())
        .isEqualTo(Timestamps.fromMillis(NOW.toEpochMilli()));
    assertThat(reloaded.repository("projects/team-b/locations/us-central1/repositories/npm-b").orElseThrow()
        .getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials().getUsername())
        .as("the fleet keeps credentials").isEqualTo("bob");
    assertThat(changed.toString().lines().count()).isEqualTo(TestFleet.TEXT.lines().count());
  }

  @Test
  void toFleetRoundTripsEverySharedCase() throws Exception {
    Path cases = TestFleet.cases().orElse(null);
    Assumptions.assumeTrue(cases != null, "no shared cases folder (system property arcred.sharedDir)");
    List<Path> fleets;
    try (Stream<Path> dirs = Files.list(cases)) {
      fleets = dirs.map(d -> d.resolve("fleet.ndjson")).filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : fleets) {
      StringWriter out = new StringWriter();
      FleetState.load(file).toFleet(out);
      assertThat(Fleet.parse("out", out.toString()).assets()).as(file.toString())
          .containsExactlyInAnyOrderElementsOf(Fleet.load(file).assets());
    }
  }
}
