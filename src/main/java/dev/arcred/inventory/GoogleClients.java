package dev.arcred.inventory;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.api.gax.rpc.HeaderProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.asset.v1.AssetServiceClient;
import com.google.cloud.asset.v1.AssetServiceSettings;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.devtools.artifactregistry.v1.ArtifactRegistryClient;
import com.google.devtools.artifactregistry.v1.ArtifactRegistrySettings;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The three Google Cloud clients arcred uses, built in one place, over gRPC or REST/JSON ({@link Connection}).
 * Against an emulator: its loopback endpoint, plaintext and no credentials (none are ever looked up). Live: Google's endpoints with Application
 * Default Credentials, which {@link #live} resolves first so that a missing login is a clear error.
 */
public final class GoogleClients implements AutoCloseable {
  private final AssetServiceClient asset;
  private final ArtifactRegistryClient artifactRegistry;
  private final SecretManagerServiceClient secretManager;

  private GoogleClients(
      AssetServiceClient asset, ArtifactRegistryClient artifactRegistry, SecretManagerServiceClient secretManager) {
    this.asset = asset;
    this.artifactRegistry = artifactRegistry;
    this.secretManager = secretManager;
  }

  /** Raised when live mode finds no Application Default Credentials. */
  public static final class NoCredentialsException extends RuntimeException {
    NoCredentialsException(String message) {
      super(message);
    }
  }

  public static GoogleClients connect(Connection connection) {
    try {
      if (connection.isEmulator()) {
        return emulator(connection);
      }
      return live(connection);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GoogleClients emulator(Connection connection) throws IOException {
    String endpoint = connection.endpoint().orElseThrow();
    CredentialsProvider none = NoCredentialsProvider.create();
    HeaderProvider headers = headers(connection);
    if (connection.transport() == Connection.Transport.REST) {
      // The REST transport takes a URL; the emulator answers REST/JSON on the same plaintext port.
      String url = "http://" + endpoint;
      return new GoogleClients(
          AssetServiceClient.create(AssetServiceSettings.newHttpJsonBuilder()
              .setEndpoint(url).setCredentialsProvider(none).setHeaderProvider(headers).build()),
          ArtifactRegistryClient.create(ArtifactRegistrySettings.newHttpJsonBuilder()
              .setEndpoint(url).setCredentialsProvider(none).setHeaderProvider(headers).build()),
          SecretManagerServiceClient.create(SecretManagerServiceSettings.newHttpJsonBuilder()
              .setEndpoint(url).setCredentialsProvider(none).setHeaderProvider(headers).build()));
    }
    AssetServiceSettings.Builder asset = AssetServiceSettings.newBuilder();
    asset.setEndpoint(endpoint).setCredentialsProvider(none).setHeaderProvider(headers)
        .setTransportChannelProvider(plaintext(endpoint, AssetServiceSettings.defaultGrpcTransportProviderBuilder()));
    ArtifactRegistrySettings.Builder ar = ArtifactRegistrySettings.newBuilder();
    ar.setEndpoint(endpoint).setCredentialsProvider(none).setHeaderProvider(headers)
        .setTransportChannelProvider(plaintext(endpoint, ArtifactRegistrySettings.defaultGrpcTransportProviderBuilder()));
    SecretManagerServiceSettings.Builder sm = SecretManagerServiceSettings.newBuilder();
    sm.setEndpoint(endpoint).setCredentialsProvider(none).setHeaderProvider(headers)
        .setTransportChannelProvider(
            plaintext(endpoint, SecretManagerServiceSettings.defaultGrpcTransportProviderBuilder()));
    return new GoogleClients(
        AssetServiceClient.create(asset.build()),
        ArtifactRegistryClient.create(ar.build()),
        SecretManagerServiceClient.create(sm.build()));
  }

  private static InstantiatingGrpcChannelProvider plaintext(
      String endpoint, InstantiatingGrpcChannelProvider.Builder builder) {
    return builder.setEndpoint(endpoint).setChannelConfigurator(ManagedChannelBuilder::usePlaintext).build();
  }

  private static GoogleClients live(Connection connection) throws IOException {
    GoogleCredentials credentials;
    try {
      credentials = GoogleCredentials.getApplicationDefault()
          .createScoped("https://www.googleapis.com/auth/cloud-platform");
    } catch (IOException e) {
      throw new NoCredentialsException(
          "No Google credentials found. Log in with `gcloud auth application-default login`, or point "
              + "GOOGLE_APPLICATION_CREDENTIALS at a service account key file.");
    }
    CredentialsProvider provider = FixedCredentialsProvider.create(credentials);
    HeaderProvider headers = headers(connection);
    if (connection.transport() == Connection.Transport.REST) {
      return new GoogleClients(
          AssetServiceClient.create(AssetServiceSettings.newHttpJsonBuilder()
              .setCredentialsProvider(provider).setHeaderProvider(headers).build()),
          ArtifactRegistryClient.create(ArtifactRegistrySettings.newHttpJsonBuilder()
              .setCredentialsProvider(provider).setHeaderProvider(headers).build()),
          SecretManagerServiceClient.create(SecretManagerServiceSettings.newHttpJsonBuilder()
              .setCredentialsProvider(provider).setHeaderProvider(headers).build()));
    }
    return new GoogleClients(
        AssetServiceClient.create(AssetServiceSettings.newBuilder()
            .setCredentialsProvider(provider).setHeaderProvider(headers).build()),
        ArtifactRegistryClient.create(ArtifactRegistrySettings.newBuilder()
            .setCredentialsProvider(provider).setHeaderProvider(headers).build()),
        SecretManagerServiceClient.create(SecretManagerServiceSettings.newBuilder()
            .setCredentialsProvider(provider).setHeaderProvider(headers).build()));
  }

  private static HeaderProvider headers(Connection connection) {
    return connection.quotaProject()
        .<HeaderProvider>map(p -> FixedHeaderProvider.create(Map.of("x-goog-user-project", p)))
        .orElse(FixedHeaderProvider.create(Map.of()));
  }

  public AssetServiceClient asset() {
    return asset;
  }

  public ArtifactRegistryClient artifactRegistry() {
    return artifactRegistry;
  }

  public SecretManagerServiceClient secretManager() {
    return secretManager;
  }

  @Override
  public void close() {
    asset.close();
    artifactRegistry.close();
    secretManager.close();
  }
}
