package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract: usage and input errors exit 2 with a clear message and write nothing. */
class CommandLineTest {
  @TempDir Path tmp;

  /** A command line run in this JVM (see {@link InProcess}). */
  static InProcess.Run run(String... args) {
    return InProcess.arcred(args);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "audit", "plan", "apply", "rollback", "snapshot", "emulator", "bench"})
  void everyCommandHasCleanHelp(String command) {
    InProcess.Run r = run(command, "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: arcred " + command);
    assertThat(r.out() + r.err()).doesNotContain("WARN").doesNotContain("Could not format");
  }

  @Test
  void unknownFlagIsUsageError() {
    InProcess.Run r = run("audit", "--demo", "--colour", "on", "--out", tmp.resolve("o").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--colour");
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void badClockIsUsageError() {
    InProcess.Run r = run("audit", "--demo", "--now", "yesterday", "--out", tmp.resolve("o").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--now").contains("yesterday");
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void badScopeIsUsageError() {
    InProcess.Run r = run("audit", "--endpoint", "127.0.0.1:1", "--org", "not-a-number", "--out", tmp.resolve("o").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not-a-number");
  }

  @Test
  void endpointWithoutScopeIsUsageError() {
    InProcess.Run r = run("audit", "--endpoint", "127.0.0.1:1", "--out", tmp.resolve("o").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--org");
  }

  @Test
  void fleetThatIsNotAssetsNamesFileAndLine() throws IOException {
    Path fleet = tmp.resolve("broken.ndjson");
    Files.writeString(fleet, """
        {"name":"//cloudresourcemanager.googleapis.com/organizations/1","assetType":"cloudresourcemanager.googleapis.com/Organization","resource":{"version":"v1","data":{"name":"organizations/1"}},"ancestors":["organizations/1"]}
        {"name": "x", "assetType": "y", "colour": "blue"}
        """);
    Path out = tmp.resolve("o");
    InProcess.Run r = run("audit", "--fleet", fleet.toString(), "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("broken.ndjson").contains(":2");
    assertThat(r.err()).doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void missingFleetFileIsUsageError() {
    InProcess.Run r = run("audit", "--fleet", tmp.resolve("nope.ndjson").toString(), "--out", tmp.resolve("o").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nope.ndjson");
  }

  @Test
  void outThatIsAFileIsUsageError() throws IOException {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    InProcess.Run r = run("audit", "--demo", "--out", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--out");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  /**
   * Live mode with no credentials: exit 2 and how to log in, no stack trace. Run in a child JVM with a clean
   * environment (no credentials file, NO_GCE_CHECK=true so the auth library never probes a metadata server).
   */
  @Test
  void liveWithoutCredentialsSaysHowToLogIn() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "dev.arcred.cli.Main", "audit", "--org", "123456789012", "--out", tmp.resolve("o").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("GOOGLE_APPLICATION_CREDENTIALS");
    env.put("NO_GCE_CHECK", "true");
    env.put("HOME", tmp.toString());
    env.put("CLOUDSDK_CONFIG", tmp.resolve("gcloud").toString());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("gcloud auth application-default login").contains("GOOGLE_APPLICATION_CREDENTIALS");
    assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(tmp.resolve("o")).doesNotExist();
  }
}
