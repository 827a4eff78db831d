package dev.arcred.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryPatternTest {
  @ParameterizedTest
  @CsvSource({
      "*, projects/a/locations/l/repositories/r, true",
      "projects/a/locations/l/repositories/r, projects/a/locations/l/repositories/r, true",
      "projects/a/locations/l/repositories/r, projects/a/locations/l/repositories/r2, false",
      "projects/acme-web-*/locations/*/repositories/npm-*, projects/acme-web-dev/locations/us-central1/repositories/npm-anonymous, true",
      "projects/acme-web-*/locations/*/repositories/npm-*, projects/acme-web-staging/locations/us-central1/repositories/npm-username-only, true",
      "projects/acme-web-*/locations/*/repositories/npm-*, projects/acme-web-dev/locations/us-central1/repositories/npmjs-proxy, false",
      "projects/acme-web-*/locations/*/repositories/npm-*, projects/acme-web-dev/locations/us-central1/repositories/github-direct, false",
      "projects/acme-web-*/locations/*/repositories/npm-*, projects/acme-data-etl/locations/us-central1/repositories/npm-x, false",
      "projects/acme-sandbox-*, projects/acme-sandbox-bob/locations/europe-west1/repositories/npmjs-proxy, true",
      "projects/a.b/locations/*/repositories/r, projects/aXb/locations/l/repositories/r, false",
      "projects/p/locations/*/repositories/(r), projects/p/locations/l/repositories/(r), true"})
  void starMatchesAnyRunOfCharactersAndEverythingElseItself(String pattern, String repository, boolean matches) {
    assertThat(new RepositoryPattern(pattern).matches(repository)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "npmjs-proxy", "acme-web-dev/*", "projects/a b", "**x"})
  void aPatternIsStarOrStartsWithProjects(String pattern) {
    assertThatThrownBy(() -> new RepositoryPattern(pattern)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be * or start with projects/");
  }
}
