package dev.arcred.emulator.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.cli.GenerateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void writesTheFleetAndItsExpectedCountsAndSaysSoInOneLine() throws Exception {
    Path file = dir.resolve("fleet.ndjson");
    int exit = run("--repos", "300", "--projects", "60", "--folders", "5", "--seed", "4", "--out", file.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString().lines()).singleElement().satisfies(line -> assertThat(line)
        .contains("repos=300", "projects=60", "folders=5", "locations=3", "lines=", "bytes=" + Files.size(file),
            "seconds=", "fleet.expected.csv"));
    assertThat(Files.readAllLines(dir.resolve("fleet.expected.csv"))).contains("rule,count", "AUDITED,300",
        "SECRET_VERSION_DISABLED,12", "SERVICE_AGENT_NO_ACCESS,6", "CHECK_ERROR,0");
    FleetSummary same = new FleetGenerator(new FleetSpec(300, 60, 5, 3, 4, FleetSpec.DEFAULT_NOW))
        .write(dir.resolve("again.ndjson"));
    assertThat(Files.mismatch(file, dir.resolve("again.ndjson"))).isEqualTo(-1);
    assertThat(same.bytes()).isEqualTo(Files.size(file));
  }

  @Test
  void defaultsToFiveRepositoriesAProjectTwentyFoldersThreeLocations() {
    int exit = run("--repos", "100", "--out", dir.resolve("f.ndjson").toString());
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("repos=100", "projects=20", "folders=20", "locations=3");
  }

  @Test
  void badUsageExitsTwoAndWritesNothing() throws Exception {
    assertThat(run("--out", dir.resolve("f.ndjson").toString())).isEqualTo(2); // --repos is required
    assertThat(run("--repos", "10")).isEqualTo(2); // --out is required
    assertThat(run("--repos", "0", "--out", dir.resolve("f.ndjson").toString())).isEqualTo(2);
    assertThat(run("--repos", "10", "--projects", "1", "--out", dir.resolve("f.ndjson").toString())).isEqualTo(2);
    assertThat(run("--repos", "10", "--now", "yesterday", "--out", dir.resolve("f.ndjson").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--repos", "--projects", "--now must be RFC 3339");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anUnwritableOutExitsTwoWithAMessage() throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
    int exit = run("--repos", "10", "--out", blocker.resolve("fleet.ndjson").toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("cannot write");
  }
}
