package dev.arcred.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ready {@code CLOUDSDK_CONFIG} folder that points gcloud at an emulator: its Secret Manager, Artifact Registry
 * and Cloud Asset endpoints overridden to the emulator's REST URL, credentials disabled (the emulator asks for
 * none), no metadata-server probe, no update check, no usage reporting and no surveys (nothing but loopback is
 * contacted). These are the files {@code gcloud config set} writes.
 */
public final class GcloudConfig {
  public static final String[] SERVICES = {"secretmanager", "artifactregistry", "cloudasset"};

  private GcloudConfig() {}

  /** Writes the configuration into {@code dir} (created if missing) and returns it. */
  public static Path write(Path dir, String restUrl) throws IOException {
    Files.createDirectories(dir.resolve("configurations"));
    Files.writeString(dir.resolve("active_config"), "default");
    StringBuilder ini = new StringBuilder();
    ini.append("[auth]\ndisable_credentials = True\n\n");
    ini.append("[core]\ncheck_gce_metadata = False\ndisable_usage_reporting = True\n\n");
    ini.append("[component_manager]\ndisable_update_check = True\n\n");
    ini.append("[survey]\ndisable_prompts = True\n\n");
    ini.append("[api_endpoint_overrides]\n");
    for (String service : SERVICES) {
      ini.append(service).append(" = ").append(restUrl).append('\n');
    }
    Files.writeString(dir.resolve("configurations").resolve("config_default"), ini.toString());
    return dir;
  }

  /** The same settings as gcloud commands, for people who keep their own configuration. */
  public static String commands(String restUrl) {
    StringBuilder out = new StringBuilder();
    out.append("gcloud config set auth/disable_credentials true\n");
    out.append("gcloud config set core/check_gce_metadata false\n");
    for (String service : SERVICES) {
      out.append("gcloud config set api_endpoint_overrides/").append(service).append(' ').append(restUrl).append('\n');
    }
    return out.toString();
  }
}
