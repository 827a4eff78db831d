package dev.arcred.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void servesTheThreeApis() {
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults())) {
      assertThat(run.clients().secretManager().getSecret("projects/team-a/secrets/npm-token").getName())
          .isEqualTo("projects/300000000001/secrets/npm-token");
      assertThat(run.clients().artifactRegistry()
          .getRepository("projects/300000000001/locations/us-central1/repositories/npm-remote").getName())
          .isEqualTo("projects/team-a/locations/us-central1/repositories/npm-remote");
      var page = run.clients().asset().listAssets(com.google.cloud.asset.v1.ListAssetsRequest.newBuilder()
          .setParent(TestFleet.ORG).setContentType(com.google.cloud.asset.v1.ContentType.RESOURCE).build());
      assertThat(page.iterateAll()).extracting(a -> a.getName()).hasSize(17);
    }
  }
}
