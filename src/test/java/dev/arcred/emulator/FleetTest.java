package dev.arcred.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.asset.v1.Asset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetTest {
  private static final String ORG_LINE = TestFleet.TEXT.lines().findFirst().orElseThrow();
  private static final String TEAM_B_LINE = TestFleet.TEXT.lines()
      .filter(l -> l.contains("\"projectId\":\"team-b\"")).findFirst().orElseThrow();

  @Test
  void readsOneAssetPerLineSkippingBlankLines() throws Exception {
    Fleet fleet = Fleet.parse("inline", ORG_LINE + "\n\n   \n" + TEAM_B_LINE + "\n");
    assertThat(fleet.entries()).extracting(Fleet.Entry::line).containsExactly(1, 4);
    assertThat(fleet.assets()).extracting(Asset::getAssetType)
        .containsExactly(FleetState.ORGANIZATION, FleetState.PROJECT);
  }

  @Test
  void aLineThatIsNotAnAssetNamesFileAndLine() {
    assertThatThrownBy(() -> Fleet.parse("app/x.ndjson", ORG_LINE + "\n\n{\"name\": \"//x\",\n"))
        .isInstanceOf(FleetException.class).hasMessageStartingWith("app/x.ndjson:3: not an Asset: ");
    assertThatThrownBy(() -> Fleet.parse("app/x.ndjson", ORG_LINE + "\n{\"name\":\"//x\",\"assetType\":\"t\","
        + "\"colour\":\"red\"}"))
        .isInstanceOf(FleetException.class).hasMessageStartingWith("app/x.ndjson:2: not an Asset: ")
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> Fleet.parse("app/x.ndjson", "[1,2]"))
        .isInstanceOf(FleetException.class).hasMessageStartingWith("app/x.ndjson:1: not an Asset");
  }

  @Test
  void aLineWithoutNameOrTypeNamesFileAndLine() {
    assertThatThrownBy(() -> Fleet.parse("f.ndjson", ORG_LINE + "\n{\"name\":\"//x/y\"}"))
        .isInstanceOf(FleetException.class).hasMessage("f.ndjson:2: the asset //x/y has no assetType");
    assertThatThrownBy(() -> Fleet.parse("f.ndjson", "{\"assetType\":\"t\"}"))
        .isInstanceOf(FleetException.class).hasMessage("f.ndjson:1: the asset has no name");
  }

  @Test
  void anUnreadableFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("missing.ndjson");
    assertThatThrownBy(() -> Fleet.load(missing)).isInstanceOf(FleetException.class)
        .hasMessageStartingWith(missing + ": cannot read fleet file");
    assertThatThrownBy(() -> Fleet.load(dir)).isInstanceOf(FleetException.class)
        .hasMessageStartingWith(dir + ": cannot read fleet file");
  }

  @Test
  void aFleetThatContradictsItselfNamesTheLine() {
    String repoInUnknownProject = "{\"name\":\"//artifactregistry.googleapis.com/projects/ghost/locations/us/"
        + "repositories/r\",\"assetType\":\"artifactregistry.googleapis.com/Repository\",\"resource\":{\"data\":{"
        + "\"format\":\"NPM\"}},\"ancestors\":[\"organizations/100000000001\"]}";
    assertThatThrownBy(() -> FleetState.parse("f.ndjson", ORG_LINE + "\n" + repoInUnknownProject))
        .isInstanceOf(FleetException.class).hasMessageStartingWith("f.ndjson:2: ").hasMessageContaining("ghost");
    assertThatThrownBy(() -> FleetState.parse("f.ndjson", ORG_LINE + "\n" + TEAM_B_LINE + "\n" + TEAM_B_LINE))
        .isInstanceOf(FleetException.class).hasMessageStartingWith("f.ndjson:3: ");
    String policyForNothing = "{\"name\":\"//secretmanager.googleapis.com/projects/300000000002/secrets/ghost\","
        + "\"assetType\":\"secretmanager.googleapis.com/Secret\",\"iamPolicy\":{\"bindings\":[]},"
        + "\"ancestors\":[\"projects/300000000002\",\"organizations/100000000001\"]}";
    assertThatThrownBy(() -> FleetState.parse("f.ndjson", ORG_LINE + "\n" + TEAM_B_LINE + "\n" + policyForNothing))
        .isInstanceOf(FleetException.class).hasMessage("f.ndjson:3: an iamPolicy for "
            + "//secretmanager.googleapis.com/projects/300000000002/secrets/ghost, which has no resource line");
    String badData = TEAM_B_LINE.replace("projectNumber", "projectNr");
    assertThatThrownBy(() -> FleetState.parse("f.ndjson", ORG_LINE + "\n" + badData))
        .isInstanceOf(FleetException.class).hasMessageStartingWith("f.ndjson:2: a Project needs");
    assertThatThrownBy(() -> FleetState.parse("f.ndjson", TEAM_B_LINE))
        .isInstanceOf(FleetException.class).hasMessageContaining("no line of assetType");
    String badVersion = "{\"name\":\"//secretmanager.googleapis.com/projects/300000000002/secrets/s/versions/01\","
        + "\"assetType\":\"secretmanager.googleapis.com/SecretVersion\",\"resource\":{\"data\":{}}}";
    assertThatThrownBy(() -> FleetState.parse("f.ndjson", ORG_LINE + "\n" + TEAM_B_LINE + "\n" + badVersion))
        .isInstanceOf(FleetException.class).hasMessageStartingWith("f.ndjson:3: a SecretVersion is named");
  }

  @Test
  void theTwoFormsOfAProjectAreTheSameProject() {
    FleetState state = TestFleet.state();
    assertThat(state.project("team-a")).isEqualTo(state.project("300000000001")).isPresent();
    assertThat(state.project("projects/team-a").orElseThrow().number()).isEqualTo("300000000001");
    assertThat(state.secret("projects/team-a/secrets/npm-token").orElseThrow().getName())
        .isEqualTo("projects/300000000001/secrets/npm-token");
    assertThat(state.repository("projects/300000000002/locations/us-central1/repositories/npm-b").orElseThrow()
        .getName()).isEqualTo("projects/team-b/locations/us-central1/repositories/npm-b");
    assertThat(state.secretVersion("projects/team-a/secrets/npm-token/versions/3")).isPresent();
    assertThat(state.canonicalFullName("//secretmanager.googleapis.com/projects/team-a/secrets/npm-token"))
        .contains("//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token");
    assertThat(state.folders()).containsExactly("folders/200000000001", "folders/200000000002");
    assertThat(state.project("team-a").orElseThrow().ancestors()).containsExactly("projects/300000000001",
        "folders/200000000002", "folders/200000000001", "organizations/100000000001");
    assertThat(state.organization()).isEqualTo("organizations/100000000001");
  }

  @Test
  void everyPolicyHasItsOwnEtag() {
    FleetState state = TestFleet.state();
    List<Asset> policies = state.policyAssets();
    assertThat(policies).hasSize(4).allSatisfy(p -> assertThat(p.getIamPolicy().getEtag().size()).isEqualTo(8));
    assertThat(policies.stream().map(p -> p.getIamPolicy().getEtag()).distinct()).hasSize(4);
    assertThat(state.iamPolicyEtag("//secretmanager.googleapis.com/projects/300000000001/secrets/empty"))
        .isPresent();
  }

  @Test
  void everySharedCaseLoads() throws IOException, FleetException {
    Path cases = TestFleet.cases().orElse(null);
    Assumptions.assumeTrue(cases != null, "no shared cases folder (system property arcred.sharedDir)");
    List<Path> fleets;
    try (Stream<Path> dirs = Files.list(cases)) {
      fleets = dirs.map(d -> d.resolve("fleet.ndjson")).filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(fleets).isNotEmpty();
    for (Path file : fleets) {
      Fleet fleet = Fleet.load(file);
      FleetState state = FleetState.of(fleet);
      long repositoryLines = fleet.assets().stream()
          .filter(a -> a.getAssetType().equals(FleetState.REPOSITORY)).count();
      assertThat(state.repositories()).as(file.toString()).hasSize((int) repositoryLines);
      assertThat(state.organization()).isEqualTo("organizations/100000000001");
    }
  }
}
