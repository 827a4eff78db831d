package dev.arcred.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writesANewFileAndReplacesAnExistingOneLeavingNoTemporaryFile() throws IOException {
    Path target = dir.resolve("report.html");

    AtomicFiles.write(target, bytes("first"));
    assertThat(target).hasContent("first");
    AtomicFiles.write(target, bytes("second, longer than the first"));

    assertThat(target).hasContent("second, longer than the first");
    assertThat(names(dir)).containsExactly("report.html");
  }

  @Test
  void whenStagingFailsNoTargetIsReplacedAndNoTemporaryFileRemains() throws IOException {
    Path existing = dir.resolve("findings.csv");
    Files.writeString(existing, "old");
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(existing, bytes("new"));
    files.put(dir.resolve("no-such-folder").resolve("findings.json"), bytes("{}"));

    assertThatThrownBy(() -> AtomicFiles.writeAll(files)).isInstanceOf(NoSuchFileException.class);

    assertThat(existing).hasContent("old");
    assertThat(names(dir)).containsExactly("findings.csv");
  }

  @Test
  void whenARenameFailsTheTemporaryFilesAreRemoved() throws IOException {
    Path occupied = dir.resolve("report.html");
    Files.createDirectories(occupied.resolve("not-empty"));

    assertThatThrownBy(() -> AtomicFiles.write(occupied, bytes("<html>"))).isInstanceOf(IOException.class);

    assertThat(names(dir)).containsExactly("report.html");
    assertThat(occupied).isDirectory();
  }

  @Test
  void aReportGetsTheModeOfAnOrdinaryNewFileNotOwnerOnly() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path ordinary = Files.createFile(dir.resolve("ordinary"));

    AtomicFiles.write(dir.resolve("report.html"), bytes("x"));

    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(ordinary);
    assertThat(Files.getPosixFilePermissions(dir.resolve("report.html"))).isEqualTo(expected);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
