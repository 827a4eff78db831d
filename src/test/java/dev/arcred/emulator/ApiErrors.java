package dev.arcred.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The gRPC code (and message) of the ApiException a client call raises; fails when it raises nothing. */
final class ApiErrors {
  private ApiErrors() {}

  static StatusCode.Code code(ThrowingCallable call) {
    return error(call).getStatusCode().getCode();
  }

  static ApiException error(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the call should fail with an ApiException").isInstanceOf(ApiException.class);
    return (ApiException) thrown;
  }

  /** The fleet text with {@code n} more NPM remote repositories in team-a, us-east1 (bulk-0000...). */
  static String withBulkRepositories(int n) {
    StringBuilder text = new StringBuilder(TestFleet.TEXT);
    for (int i = 0; i < n; i++) {
      String name = String.format("projects/team-a/locations/us-east1/repositories/bulk-%04d", i);
      text.append("{\"name\":\"//artifactregistry.googleapis.com/").append(name)
          .append("\",\"assetType\":\"artifactregistry.googleapis.com/Repository\",\"resource\":{\"version\":\"v1\","
              + "\"data\":{\"name\":\"").append(name).append("\",\"format\":\"NPM\",\"mode\":\"REMOTE_REPOSITORY\","
              + "\"remoteRepositoryConfig\":{\"npmRepository\":{\"publicRepository\":\"NPMJS\"},"
              + "\"upstreamCredentials\":{\"usernamePasswordCredentials\":{\"username\":\"bulk\","
              + "\"passwordSecretVersion\":\"projects/team-a/secrets/npm-token/versions/1\"}}}},"
              + "\"parent\":\"//cloudresourcemanager.googleapis.com/projects/300000000001\",\"location\":\"us-east1\"},"
              + "\"ancestors\":[\"projects/300000000001\",\"folders/200000000002\",\"folders/200000000001\","
              + "\"organizations/100000000001\"]}\n");
    }
    return text.toString();
  }
}
