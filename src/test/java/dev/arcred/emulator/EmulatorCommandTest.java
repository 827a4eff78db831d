package dev.arcred.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arcred.cli.EmulatorCommand;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmulatorCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(EmulatorCommand command, String... args) {
    return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void servesUntilStoppedThenPrintsCallCounts(@TempDir Path dir) throws Exception {
    Path fleet = Files.writeString(dir.resolve("fleet.ndjson"), TestFleet.TEXT);
    EmulatorCommand command = new EmulatorCommand();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = new Thread(() -> exit.set(run(command, "--fleet", fleet.toString(),
        "--deny-project", "team-b", "--deny-secret", "projects/team-a/secrets/empty")));
    serving.start();
    Pattern serving1 = Pattern.compile("arcred emulator serving \\S+fleet\\.ndjson on (127\\.0\\.0\\.1:(\\d+))");
    await().atMost(Duration.ofSeconds(60)).until(() -> serving1.matcher(out.toString()).find());
    Matcher m = serving1.matcher(out.toString());
    assertThat(m.find()).isTrue();
    String endpoint = m.group(1);
    assertThat(out.toString()).contains("app/arcred audit --endpoint " + endpoint + " --org 100000000001");

    try (GoogleClients clients = GoogleClients.connect(Connection.emulator(endpoint))) {
      assertThat(clients.secretManager().getSecret("projects/team-a/secrets/npm-token").getName())
          .isEqualTo("projects/300000000001/secrets/npm-token");
      assertThat(ApiErrors.code(() -> clients.secretManager().getSecret("projects/team-a/secrets/empty")))
          .isEqualTo(com.google.api.gax.rpc.StatusCode.Code.PERMISSION_DENIED);
      assertThat(ApiErrors.code(() -> clients.artifactRegistry()
          .getRepository("projects/team-b/locations/us-central1/repositories/npm-b")))
          .isEqualTo(com.google.api.gax.rpc.StatusCode.Code.PERMISSION_DENIED);
    }
    command.stop();
    serving.join(30_000);
    assertThat(serving.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
    assertThat(err.toString()).contains("stopped after 3 calls")
        .containsPattern("\\s2\\s+google\\.cloud\\.secretmanager\\.v1\\.SecretManagerService/GetSecret")
        .contains("google.devtools.artifactregistry.v1.ArtifactRegistry/GetRepository");
  }

  @Test
  void aFleetErrorExits2WithTheMessageAndNoStackTrace(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.ndjson"), TestFleet.TEXT.lines().findFirst().orElseThrow()
        + "\n{not json\n");
    assertThat(run(new EmulatorCommand(), "--fleet", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("arcred emulator: " + bad + ":2: not an Asset")
        .doesNotContain("\tat ", "Exception");
    assertThat(out.toString()).isEmpty();

    err.getBuffer().setLength(0);
    assertThat(run(new EmulatorCommand(), "--fleet", dir.resolve("none.ndjson").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("none.ndjson: cannot read fleet file");
  }

  @Test
  void badUsageExits2(@TempDir Path dir) throws Exception {
    assertThat(run(new EmulatorCommand())).isEqualTo(2);
    assertThat(err.toString()).contains("--fleet");
    Path fleet = Files.writeString(dir.resolve("fleet.ndjson"), TestFleet.TEXT);
    err.getBuffer().setLength(0);
    assertThat(run(new EmulatorCommand(), "--fleet", fleet.toString(), "--deny-secret", "npm-token")).isEqualTo(2);
    assertThat(err.toString()).contains("projects/{project}/secrets/{secret}");
  }
}
