package dev.arcred.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arcred.model.Repository;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsMappingTest {
  static final String HEADER = "repository,username,secret_version\n";
  static final String TOK = "projects/central/secrets/tok/versions/1";

  static Repository repo(String projectId, String number, String location, String id) {
    return new Repository(Repository.name(projectId, location, id), projectId, number, location, id, "NPM",
        "REMOTE_REPOSITORY", "NPMJS", List.of("projects/" + number));
  }

  static CredentialsMapping parse(String rows) throws Exception {
    return CredentialsMapping.parse("m.csv", HEADER + rows);
  }

  static String matched(CredentialsMapping m, Repository r) {
    CredentialsMapping.Match match = m.match(r);
    if (match instanceof CredentialsMapping.Match.One one) {
      return "line " + one.row().line();
    }
    if (match instanceof CredentialsMapping.Match.Ambiguous a) {
      return "ambiguous " + a.rows().stream().map(x -> x.line()).toList();
    }
    return "none";
  }

  @Test
  void aStarStaysWithinOneSegment() throws Exception {
    CredentialsMapping m = parse("projects/web-*/locations/*/repositories/npm-*,ci," + TOK + "\n");
    assertThat(matched(m, repo("web-dev", "1", "us-central1", "npm-anon"))).isEqualTo("line 2");
    assertThat(matched(m, repo("web-dev", "1", "us-central1", "github"))).isEqualTo("none");
    assertThat(matched(m, repo("web", "1", "us-central1", "npm-anon"))).isEqualTo("none");
    assertThat(matched(m, repo("mobile-web-dev", "1", "us-central1", "npm-anon"))).isEqualTo("none");
    CredentialsMapping all = parse("projects/*/locations/*/repositories/*,ci," + TOK + "\n");
    assertThat(matched(all, repo("a", "1", "l", "r"))).isEqualTo("line 2");
  }

  @Test
  void theProjectMayBeNamedByNumber() throws Exception {
    CredentialsMapping m = parse("projects/520000000151/locations/us-central1/repositories/r,ci," + TOK + "\n");
    assertThat(matched(m, repo("legacy", "520000000151", "us-central1", "r"))).isEqualTo("line 2");
    assertThat(matched(m, repo("legacy", "520000000152", "us-central1", "r"))).isEqualTo("none");
  }

  @Test
  void anExactRowBeatsPatternsAndDisagreeingPatternsAreAmbiguous() throws Exception {
    CredentialsMapping m = parse("projects/p/locations/*/repositories/npm-*,ci," + TOK + "\n"
        + "projects/p/locations/us-central1/repositories/npm-x,bot," + TOK + "\n"
        + "projects/*/locations/us-central1/repositories/npm-y,other," + TOK + "\n"
        + "projects/*/locations/europe-west1/repositories/npm-z,ci," + TOK + "\n");
    assertThat(matched(m, repo("p", "1", "us-central1", "npm-x"))).isEqualTo("line 3");
    assertThat(matched(m, repo("p", "1", "us-central1", "npm-y"))).isEqualTo("ambiguous [2, 4]");
    assertThat(matched(m, repo("p", "1", "europe-west1", "npm-z"))).as("patterns that agree").isEqualTo("line 2");
  }

  @Test
  void malformedFilesNameTheFileAndTheLine() {
    assertThatThrownBy(() -> CredentialsMapping.parse("m.csv", "repo,user,version\n"))
        .hasMessage("m.csv:1: the header is repo,user,version, expected repository,username,secret_version");
    assertThatThrownBy(() -> CredentialsMapping.parse("m.csv", ""))
        .hasMessageStartingWith("m.csv:1: empty");
    assertThatThrownBy(() -> parse("projects/p/locations/l/repositories/r,ci," + TOK + "\nprojects/p/repositories/r,ci,"
        + TOK + "\n")).hasMessageStartingWith("m.csv:3: repository \"projects/p/repositories/r\"");
    assertThatThrownBy(() -> parse("projects/p/locations/l/repositories/r,,"+ TOK + "\n"))
        .hasMessageStartingWith("m.csv:2: username \"\"");
    assertThatThrownBy(() -> parse("projects/p/locations/l/repositories/r,ci,projects/c/secrets/tok/versions/latest\n"))
        .hasMessageStartingWith("m.csv:2: secret_version").hasMessageContaining("pinned");
    assertThatThrownBy(() -> parse("projects/p/locations/l/repositories/r,ci\n"))
        .hasMessageStartingWith("m.csv:2: 2 columns, expected 3");
    assertThatThrownBy(() -> parse("projects/p/locations/l/repositories/r,ci," + TOK + "\n\n"
        + "projects/p/locations/l/repositories/r,bot," + TOK + "\n"))
        .hasMessage("m.csv:4: projects/p/locations/l/repositories/r is already mapped on line 2");
  }

  @Test
  void theDemoMappingParses() throws Exception {
    CredentialsMapping m = CredentialsMapping.load(java.nio.file.Path.of("app/demo-credentials.csv"));
    assertThat(m.rows()).hasSize(5);
    assertThat(matched(m, repo("acme-web-staging", "520000000112", "us-central1", "npm-username-only")))
        .isEqualTo("line 2");
  }
}
