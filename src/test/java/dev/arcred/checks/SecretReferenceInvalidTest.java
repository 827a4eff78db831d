package dev.arcred.checks;

import static dev.arcred.checks.Field.findings;
import static dev.arcred.checks.Field.healthy;
import static dev.arcred.checks.Field.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretReferenceInvalidTest {
  private final Rule rule = new SecretReferenceInvalid();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "projects/team-a/secrets/npm-token                                 | it names no version",
      "projects/team-a/secrets/npm-token/versions/                       | it names no version",
      "projects/team-a/secrets/npm-token/version/2                       | it names no version",
      "projects/team-a/secrets/npm-token/versions/0                      | version 0 does not exist",
      "projects/team-a/locations/us-central1/secrets/npm-token/versions/2 | it is the regional form",
      "npm-token                                                         | it is a bare secret ID",
      "projects/team-a/secrets/npm-token/versions/2/extra                | it has extra segments after the version",
      "projects/team-a/secrets/npm.token/versions/2                      | the secret ID may hold only",
      "projects/team-a/secrets/npm-token/versions/2x                     | the version is neither a number nor an alias",
      "projects/Team_A/secrets/npm-token/versions/2                      | the project is neither a project ID nor a project number",
      "https://secretmanager.googleapis.com/v1/npm-token                 | it is not of the form"})
  void malformedReferencesSayWhy(String reference, String why) {
    Finding finding = only(rule, healthy().reference(reference).facts());
    assertThat(finding.link()).isEqualTo(Link.CREDENTIALS);
    assertThat(finding.detail()).startsWith("The password secret version \"" + reference + "\" is malformed: " + why);
    assertThat(finding.fix()).as("a person must say which version was meant").isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "projects/team-a/secrets/npm-token/versions/01    | the version number 01 has a leading zero  | versions/1",
      "projects/team-a/secrets/npm-token/versions/0020  | the version number 0020 has a leading zero | versions/20",
      "' projects/team-a/secrets/npm-token/versions/2 ' | it has leading or trailing whitespace     | versions/2"})
  void anUnambiguousRepairIsTheFix(String reference, String why, String meant) {
    Finding finding = only(rule, healthy().reference(reference).facts());
    assertThat(finding.detail()).contains("is malformed: " + why)
        .contains("It was probably meant as projects/team-a/secrets/npm-token/" + meant + ".");
    assertThat(finding.fix()).isEqualTo("gcloud artifacts repositories update npmjs-proxy --project=team-a"
        + " --location=us-central1 --remote-username=ci-reader"
        + " --remote-password-secret-version=projects/team-a/secrets/npm-token/" + meant);
  }

  @ParameterizedTest
  @ValueSource(strings = {"projects/team-a/secrets/npm-token/versions/2", "projects/300000000001/secrets/npm-token/versions/2",
      "projects/team-a/secrets/npm-token/versions/latest", "projects/team-a/secrets/npm-token/versions/prod_1",
      "projects/example.com:team-a/secrets/npm-token/versions/10", " ", ""})
  void wellFormedOrAbsentReferencesAreNotReported(String reference) {
    assertThat(findings(rule, healthy().reference(reference).facts())).isEmpty();
  }
}
