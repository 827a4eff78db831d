package dev.arcred.report;

import static dev.arcred.report.AtomicFilesTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  static final List<String> FOUR = List.of("findings.csv", "findings.json", "report.html", "repositories.csv");

  @TempDir Path tmp;
  Path templates;

  /** A copy of the real templates, so that a test can break one. */
  @BeforeEach
  void copyTemplates() throws IOException {
    templates = Files.createDirectories(tmp.resolve("templates"));
    try (Stream<Path> files = Files.list(HtmlReportTest.TEMPLATES)) {
      for (Path file : files.toList()) {
        Files.copy(file, templates.resolve(file.getFileName().toString()));
      }
    }
  }

  @Test
  void writesTheFourFilesIntoAFolderItCreates() throws IOException {
    Path out = tmp.resolve("a/b/out");
    ReportWriter writer = new ReportWriter(templates);

    writer.writeAll(SampleReports.small(), out);

    assertThat(names(out)).containsExactlyElementsOf(FOUR);
    Map<String, byte[]> rendered = writer.render(SampleReports.small());
    for (String name : ReportWriter.FILES) {
      assertThat(out.resolve(name)).hasBinaryContent(rendered.get(name));
    }
    assertThat(out.resolve("findings.csv")).content(StandardCharsets.UTF_8)
        .startsWith("repository,project,location,rule,");
  }

  @Test
  void anExistingFolderIsFineOldReportsAreReplacedAndOtherFilesLeftAlone() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("findings.csv"), "yesterday's findings, longer than today's would be ".repeat(200));
    Files.writeString(out.resolve("notes.txt"), "mine");

    new ReportWriter(templates).writeAll(SampleReports.healthy(), out);

    assertThat(names(out)).containsExactly("findings.csv", "findings.json", "notes.txt", "report.html",
        "repositories.csv");
    assertThat(out.resolve("findings.csv")).content(StandardCharsets.UTF_8)
        .isEqualTo("repository,project,location,rule,severity,status,link,detail,fix,change,suppressed\n");
    assertThat(out.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void twoWritesOfTheSameReportAreByteIdentical() throws IOException {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");

    new ReportWriter(templates).writeAll(SampleReports.small(), first);
    new ReportWriter(templates).writeAll(SampleReports.small(), second);
    Map<String, byte[]> before = contents(first);
    new ReportWriter(templates).writeAll(SampleReports.small(), first); // over the first write

    for (String name : ReportWriter.FILES) {
      assertThat(first.resolve(name)).as(name).hasBinaryContent(Files.readAllBytes(second.resolve(name)));
      assertThat(first.resolve(name)).as(name).hasBinaryContent(before.get(name));
    }
  }

  @Test
  void aBrokenTemplateReplacesNoFileAndLeavesNoTemporaryFile() throws IOException {
    Path out = tmp.resolve("out");
    new ReportWriter(templates).writeAll(SampleReports.healthy(), out);
    Map<String, byte[]> before = contents(out);
    Files.writeString(templates.resolve("findings.peb"), "{% for f in findings %}<p>{{ f.rule }}</p>\n"); // no endfor

    assertThatThrownBy(() -> new ReportWriter(templates).writeAll(SampleReports.small(), out))
        .isInstanceOf(ReportTemplateException.class)
        .hasMessageContaining("cannot render report.html from the templates in " + templates.toAbsolutePath());

    assertThat(names(out)).containsExactlyElementsOf(FOUR);
    for (String name : ReportWriter.FILES) {
      assertThat(out.resolve(name)).as(name).hasBinaryContent(before.get(name));
    }
  }

  @Test
  void aBrokenTemplateDoesNotEvenCreateTheOutFolder() throws IOException {
    Files.writeString(templates.resolve("coverage.peb"), "{{ checkErrors.noSuchField }}");
    Path out = tmp.resolve("out");

    // strict variables: a typo in an edited template is an error, not an empty cell
    assertThatThrownBy(() -> new ReportWriter(templates).writeAll(SampleReports.small(), out))
        .isInstanceOf(ReportTemplateException.class)
        .hasMessageContaining("noSuchField");

    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingTemplatesFolderIsAClearError() {
    Path nowhere = tmp.resolve("no-templates");

    assertThatThrownBy(() -> new ReportWriter(nowhere).writeAll(SampleReports.small(), tmp.resolve("out")))
        .isInstanceOf(ReportTemplateException.class)
        .hasMessage("no report template " + nowhere.toAbsolutePath().resolve("report.peb"));
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void anOutPathThatIsAFileIsAnError() throws IOException {
    Path file = Files.writeString(tmp.resolve("out"), "a file");

    assertThatThrownBy(() -> new ReportWriter(templates).writeAll(SampleReports.small(), file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(file).hasContent("a file");
  }

  @Test
  void templatesAreReadAtEachWriteSoEditsTakeEffect() throws IOException {
    ReportWriter writer = new ReportWriter(templates);
    Path out = tmp.resolve("out");
    writer.writeAll(SampleReports.healthy(), out);
    assertThat(out.resolve("report.html")).content().doesNotContain("Edited by the platform team");

    Path report = templates.resolve("report.peb");
    Files.writeString(report, Files.readString(report).replace("Written by arcred.", "Edited by the platform team."));
    writer.writeAll(SampleReports.healthy(), out);

    assertThat(out.resolve("report.html")).content().contains("Edited by the platform team.");
  }

  static Map<String, byte[]> contents(Path dir) throws IOException {
    Map<String, byte[]> contents = new HashMap<>();
    for (String name : ReportWriter.FILES) {
      contents.put(name, Files.readAllBytes(dir.resolve(name)));
    }
    return contents;
  }
}
