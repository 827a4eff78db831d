package dev.arcred.report;

import java.io.IOException;

/**
 * A report template could not be loaded, parsed or rendered (templates are read at run time and users edit
 * them). An IOException, so that callers handling "could not write the reports" handle this too; no file was
 * written or replaced when it is thrown from {@link ReportWriter#writeAll}.
 */
public class ReportTemplateException extends IOException {
  public ReportTemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
