package dev.arcred.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The four reports of {@link SampleReports#small()}, with the real templates, compared byte for byte with
 * src/test/resources/golden/. After an intended change (a template, a column), regenerate them and review the diff:
 *
 * <pre>mvn -o -q -B test -Dtest='dev.arcred.report.GoldenFilesTest' -Darcred.regenerateGolden=true</pre>
 */
class GoldenFilesTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final Path TEMPLATES = Path.of("report-templates");

  @Test
  void theSmallReportMatchesTheGoldenFiles() throws IOException {
    Map<String, byte[]> rendered = new ReportWriter(TEMPLATES).render(SampleReports.small());
    if (Boolean.getBoolean("arcred.regenerateGolden")) {
      Files.createDirectories(GOLDEN);
      for (Map.Entry<String, byte[]> file : rendered.entrySet()) {
        Files.write(GOLDEN.resolve(file.getKey()), file.getValue());
      }
    }
    assertThat(rendered.keySet()).containsExactlyElementsOf(ReportWriter.FILES);
    for (Map.Entry<String, byte[]> file : rendered.entrySet()) {
      Path golden = GOLDEN.resolve(file.getKey());
      assertThat(golden).as("golden file %s (regenerate: -Darcred.regenerateGolden=true)", golden).exists();
      // As text first, for a readable diff when it fails; then the bytes, which is the contract.
      assertThat(new String(file.getValue(), StandardCharsets.UTF_8))
          .as(file.getKey()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
      assertThat(file.getValue()).as(file.getKey()).isEqualTo(Files.readAllBytes(golden));
    }
  }
}
