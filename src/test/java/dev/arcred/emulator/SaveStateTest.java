package dev.arcred.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** app/arcred emulator --save-state FILE, in its own process: the served state on SIGHUP, and on exit (SIGTERM). */
class SaveStateTest {
  @TempDir Path dir;

  private static void grant(GoogleClients clients, String member) {
    String secret = "projects/team-a/secrets/empty";
    Policy read = clients.secretManager().getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(secret)
        .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3)).build());
    clients.secretManager().setIamPolicy(SetIamPolicyRequest.newBuilder().setResource(secret).setPolicy(read.toBuilder()
        .setVersion(3).addBindings(Binding.newBuilder().setRole("roles/secretmanager.viewer").addMembers(member)))
        .build());
  }

  @Test
  void savedOnHangUpAndOnExit() throws Exception {
    Path fleet = Files.writeString(dir.resolve("fleet.ndjson"), TestFleet.TEXT);
    Path saved = dir.resolve("saved.ndjson");
    Path log = dir.resolve("emulator.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.arcred.cli.Main",
        "emulator", "--fleet", fleet.toString(), "--port", "0", "--save-state", saved.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Pattern serving = Pattern.compile("on (127\\.0\\.0\\.1:\\d+)");
      await().atMost(Duration.ofSeconds(120)).until(() -> Files.readString(log).contains("on kill -HUP"));
      Matcher m = serving.matcher(Files.readString(log));
      assertThat(m.find()).isTrue();
      try (GoogleClients clients = GoogleClients.connect(Connection.emulator(m.group(1)))) {
        grant(clients, "user:first@example.org");
        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        assertThat(hup.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30))
            .until(() -> Files.exists(saved) && Files.readString(saved).contains("user:first@example.org"));
        assertThat(process.isAlive()).as("SIGHUP saves, it does not stop").isTrue();
        FleetState reloaded = FleetState.load(saved);
        assertThat(reloaded.iamPolicy("//secretmanager.googleapis.com/projects/300000000001/secrets/empty"))
            .hasValueSatisfying(p -> assertThat(p.getBindings(0).getMembersList()).containsExactly("user:first@example.org"));
        assertThat(reloaded.repositories()).hasSameSizeAs(TestFleet.state().repositories());

        grant(clients, "user:second@example.org");
      }
      process.destroy(); // SIGTERM: the shutdown hook saves
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(saved)).contains("user:second@example.org");
      assertThat(Files.readString(log)).contains("state saved to " + saved);
    } finally {
      process.destroyForcibly();
    }
  }
}
