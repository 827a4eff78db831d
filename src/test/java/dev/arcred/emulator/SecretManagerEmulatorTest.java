package dev.arcred.emulator;

import static dev.arcred.emulator.ApiErrors.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.iam.v1.Policy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SecretManagerEmulatorTest {
  private static TestFleet.Running run;
  private static SecretManagerServiceClient sm;

  @BeforeAll
  static void start() {
    run = TestFleet.Running.start(EmulatorOptions.defaults());
    sm = run.clients().secretManager();
  }

  @AfterAll
  static void stop() {
    run.close();
  }

  @Test
  void answersWithProjectNumbersWhenAskedById() {
    Secret secret = sm.getSecret("projects/team-a/secrets/npm-token");
    assertThat(secret.getName()).isEqualTo("projects/300000000001/secrets/npm-token");
    assertThat(secret.getVersionAliasesMap()).containsEntry("current", 2L);
    assertThat(sm.getSecret("projects/300000000001/secrets/npm-token")).isEqualTo(secret);
    assertThat(sm.getSecretVersion("projects/team-a/secrets/npm-token/versions/1").getName())
        .isEqualTo("projects/300000000001/secrets/npm-token/versions/1");
    assertThat(sm.listSecrets("projects/team-a").iterateAll()).extracting(Secret::getName)
        .containsExactly("projects/300000000001/secrets/empty", "projects/300000000001/secrets/npm-token");
    assertThat(sm.listSecretVersions("projects/team-a/secrets/npm-token").iterateAll())
        .extracting(SecretVersion::getName).allMatch(n -> n.startsWith("projects/300000000001/secrets/npm-token/"));
  }

  @Test
  void latestIsTheNewestVersionWhateverItsState() {
    SecretVersion latest = sm.getSecretVersion("projects/team-a/secrets/npm-token/versions/latest");
    assertThat(latest.getName()).isEqualTo("projects/300000000001/secrets/npm-token/versions/3");
    assertThat(latest.getState()).isEqualTo(SecretVersion.State.DISABLED);
    assertThat(sm.getSecretVersion("projects/300000000002/secrets/tok/versions/latest").getState())
        .isEqualTo(SecretVersion.State.DESTROYED);
  }

  @Test
  void aliasesResolveThroughVersionAliases() {
    SecretVersion current = sm.getSecretVersion("projects/team-a/secrets/npm-token/versions/current");
    assertThat(current.getName()).isEqualTo("projects/300000000001/secrets/npm-token/versions/2");
    assertThat(current.getState()).isEqualTo(SecretVersion.State.ENABLED);
    assertThat(code(() -> sm.getSecretVersion("projects/team-a/secrets/npm-token/versions/stable")))
        .isEqualTo(Code.NOT_FOUND);
  }

  @Test
  void versionNamesThatAreNotNumbersOrAliasesAreInvalid() {
    for (String bad : List.of("0", "01", "-1", "1x", "v.1")) {
      assertThat(code(() -> sm.getSecretVersion("projects/team-a/secrets/npm-token/versions/" + bad)))
          .as(bad).isEqualTo(Code.INVALID_ARGUMENT);
    }
  }

  @Test
  void missingThingsAreNotFound() {
    assertThat(code(() -> sm.getSecretVersion("projects/team-a/secrets/npm-token/versions/9")))
        .isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> sm.getSecretVersion("projects/team-a/secrets/empty/versions/latest")))
        .isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> sm.getSecret("projects/team-a/secrets/nope"))).isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> sm.getSecret("projects/no-such-project/secrets/npm-token"))).isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> sm.listSecrets("projects/999"))).isEqualTo(Code.NOT_FOUND);
  }

  @Test
  void malformedNamesAreInvalid() {
    assertThat(code(() -> sm.getSecret("projects/team-a/npm-token")))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> sm.getSecret("projects/team-a/secrets/bad.name"))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> sm.getSecretVersion("projects/team-a/secrets/npm-token"))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> sm.listSecrets("team-a"))).isEqualTo(Code.INVALID_ARGUMENT);
  }

  @Test
  void listsSecretVersionsNewestFirstAcrossPages() {
    ListSecretVersionsResponse first = sm.listSecretVersionsCallable().call(ListSecretVersionsRequest.newBuilder()
        .setParent("projects/team-a/secrets/npm-token").setPageSize(2).build());
    assertThat(first.getVersionsList()).extracting(SecretManagerService::number).containsExactly(3L, 2L);
    assertThat(first.getTotalSize()).isEqualTo(3);
    assertThat(first.getNextPageToken()).isNotEmpty();
    ListSecretVersionsResponse second = sm.listSecretVersionsCallable().call(ListSecretVersionsRequest.newBuilder()
        .setParent("projects/300000000001/secrets/npm-token").setPageSize(2).setPageToken(first.getNextPageToken())
        .build());
    assertThat(second.getVersionsList()).extracting(SecretManagerService::number).containsExactly(1L);
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void listsSecretsOncePerPage() {
    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListSecretsResponse page = sm.listSecretsCallable().call(ListSecretsRequest.newBuilder()
          .setParent("projects/team-a").setPageSize(1).setPageToken(token).build());
      page.getSecretsList().forEach(s -> seen.add(s.getName()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(pages).isEqualTo(2);
    assertThat(seen).containsExactly("projects/300000000001/secrets/empty", "projects/300000000001/secrets/npm-token");
    // a page size above the cap is capped, not refused
    assertThat(sm.listSecretsCallable().call(ListSecretsRequest.newBuilder().setParent("projects/team-a")
        .setPageSize(1_000_000).build()).getSecretsCount()).isEqualTo(2);
  }

  @Test
  void badOrForeignPageTokensAreInvalid() {
    assertThat(code(() -> sm.listSecretsCallable().call(ListSecretsRequest.newBuilder().setParent("projects/team-a")
        .setPageToken("not-a-token").build()))).isEqualTo(Code.INVALID_ARGUMENT);
    String versionsToken = sm.listSecretVersionsCallable().call(ListSecretVersionsRequest.newBuilder()
        .setParent("projects/team-a/secrets/npm-token").setPageSize(1).build()).getNextPageToken();
    assertThat(code(() -> sm.listSecretsCallable().call(ListSecretsRequest.newBuilder().setParent("projects/team-a")
        .setPageToken(versionsToken).build()))).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> sm.listSecretsCallable().call(ListSecretsRequest.newBuilder().setParent("projects/team-a")
        .setPageSize(-1).build()))).isEqualTo(Code.INVALID_ARGUMENT);
  }

  @Test
  void accessServesEnabledVersionsOnly() {
    AccessSecretVersionResponse access = sm.accessSecretVersion("projects/team-a/secrets/npm-token/versions/current");
    assertThat(access.getName()).isEqualTo("projects/300000000001/secrets/npm-token/versions/2");
    byte[] data = access.getPayload().getData().toByteArray();
    assertThat(new String(data, StandardCharsets.UTF_8))
        .isEqualTo("arcred-emulator-payload:projects/300000000001/secrets/npm-token/versions/2");
    CRC32C crc = new CRC32C();
    crc.update(data);
    assertThat(access.getPayload().getDataCrc32C()).isEqualTo(crc.getValue());
    assertThat(code(() -> sm.accessSecretVersion("projects/team-a/secrets/npm-token/versions/latest")))
        .isEqualTo(Code.FAILED_PRECONDITION);
    assertThat(code(() -> sm.accessSecretVersion("projects/team-b/secrets/tok/versions/1")))
        .isEqualTo(Code.FAILED_PRECONDITION);
  }

  @Test
  void conditionalBindingsNeedPolicyVersion3() {
    Policy v3 = getIamPolicy("projects/team-a/secrets/npm-token", 3);
    assertThat(v3.getVersion()).isEqualTo(3);
    assertThat(v3.getEtag().isEmpty()).isFalse();
    assertThat(v3.getBindingsList()).extracting(Binding::getRole).containsOnly("roles/secretmanager.secretAccessor");
    assertThat(v3.getBindings(1).getCondition().getExpression())
        .isEqualTo("request.time < timestamp('2027-01-01T00:00:00Z')");

    for (int old : new int[] {0, 1}) {
      Policy v1 = getIamPolicy("projects/300000000001/secrets/npm-token", old);
      assertThat(v1.getVersion()).isEqualTo(1);
      assertThat(v1.getEtag()).isEqualTo(v3.getEtag());
      assertThat(v1.getBindings(0)).isEqualTo(v3.getBindings(0));
      assertThat(v1.getBindings(1).hasCondition()).isFalse();
      assertThat(v1.getBindings(1).getRole()).matches("roles/secretmanager\\.secretAccessor_withcond_[0-9a-f]+");
      assertThat(v1.getBindings(1).getMembersList()).containsExactly("user:temp@example.org");
    }
    assertThat(code(() -> getIamPolicy("projects/team-a/secrets/npm-token", 2))).isEqualTo(Code.INVALID_ARGUMENT);
  }

  @Test
  void aSecretWithoutPolicyHasAnEmptyOneWithAnEtag() {
    Policy empty = getIamPolicy("projects/team-a/secrets/empty", 3);
    assertThat(empty.getBindingsList()).isEmpty();
    assertThat(empty.getEtag().isEmpty()).isFalse();
    assertThat(code(() -> getIamPolicy("projects/team-a/secrets/npm-token/versions/1", 3)))
        .isEqualTo(Code.INVALID_ARGUMENT);
  }

  @Test
  void methodsNotServedAreUnimplemented() {
    assertThat(code(() -> sm.createSecret("projects/team-a", "new", Secret.getDefaultInstance())))
        .isEqualTo(Code.UNIMPLEMENTED);
    assertThat(code(() -> sm.disableSecretVersion("projects/team-a/secrets/npm-token/versions/1")))
        .isEqualTo(Code.UNIMPLEMENTED);
    assertThat(code(() -> sm.listSecretsCallable().call(ListSecretsRequest.newBuilder().setParent("projects/team-a")
        .setFilter("name:npm").build()))).isEqualTo(Code.UNIMPLEMENTED);
  }

  static Policy getIamPolicy(String resource, int version) {
    return sm.getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(resource)
        .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(version)).build());
  }

  @Nested
  class Denied {
    @Test
    void deniedProjectsAndSecretsArePermissionDenied() {
      EmulatorOptions options = EmulatorOptions.defaults().denyProjects("team-b")
          .denySecrets("projects/300000000001/secrets/npm-token");
      try (var denied = TestFleet.Running.start(options)) {
        SecretManagerServiceClient client = denied.clients().secretManager();
        assertThat(code(() -> client.getSecret("projects/300000000002/secrets/tok"))).isEqualTo(Code.PERMISSION_DENIED);
        assertThat(code(() -> client.listSecrets("projects/team-b"))).isEqualTo(Code.PERMISSION_DENIED);
        assertThat(code(() -> client.getSecretVersion("projects/team-b/secrets/tok/versions/1")))
            .isEqualTo(Code.PERMISSION_DENIED);
        // the denied secret, named with the project ID although it was denied by number
        assertThat(code(() -> client.getSecret("projects/team-a/secrets/npm-token")))
            .isEqualTo(Code.PERMISSION_DENIED);
        assertThat(code(() -> client.getSecretVersion("projects/team-a/secrets/npm-token/versions/latest")))
            .isEqualTo(Code.PERMISSION_DENIED);
        assertThat(code(() -> client.listSecretVersions("projects/team-a/secrets/npm-token").iterateAll()
            .iterator().hasNext())).isEqualTo(Code.PERMISSION_DENIED);
        assertThat(code(() -> client.getIamPolicy(GetIamPolicyRequest.newBuilder()
            .setResource("projects/team-a/secrets/npm-token").build()))).isEqualTo(Code.PERMISSION_DENIED);
        assertThat(ApiErrors.error(() -> client.getSecret("projects/team-a/secrets/npm-token")).getMessage())
            .contains("projects/300000000001/secrets/npm-token");
        // the rest of team-a is readable
        assertThat(client.getSecret("projects/team-a/secrets/empty").getName())
            .isEqualTo("projects/300000000001/secrets/empty");
      }
    }
  }
}
