package dev.arcred.cli;

import dev.arcred.inventory.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a progress bar (me.tongfei:progressbar) when a person is watching a terminal, plain
 * periodic lines otherwise (CI logs, nightly jobs). ARCRED_PROGRESS=bar|lines|none overrides the choice.
 * Never written to stdout or into the reports.
 */
final class ConsoleProgress implements Progress {
  private static final Duration LINE_EVERY = Duration.ofSeconds(5);

  private final PrintWriter err;
  private final String mode;
  private ProgressBar bar;
  private String phase = "";
  private long total;
  private final AtomicLong done = new AtomicLong();
  private volatile long lastLine;

  ConsoleProgress(PrintWriter err) {
    this.err = err;
    String chosen = System.getenv("ARCRED_PROGRESS");
    this.mode = chosen != null ? chosen : System.console() != null ? "bar" : "lines";
  }

  @Override
  public synchronized void message(String line) {
    if (mode.equals("none")) {
      return;
    }
    if (bar != null) {
      bar.setExtraMessage(line);
      return;
    }
    err.println("arcred: " + elapsed() + line);
    err.flush();
  }

  private final long started = System.nanoTime();

  private String elapsed() {
    return String.format(java.util.Locale.ROOT, "[%.1fs] ", (System.nanoTime() - started) / 1e9);
  }

  @Override
  public synchronized void begin(String phase, long total) {
    end();
    this.phase = phase;
    this.total = total;
    done.set(0);
    lastLine = System.nanoTime();
    if (mode.equals("bar") && total > 0) {
      bar = new ProgressBarBuilder()
          .setTaskName("arcred " + phase)
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis(200)
          .build();
    }
  }

  @Override
  public void step(long n) {
    long now = done.addAndGet(n);
    ProgressBar b = bar;
    if (b != null) {
      b.stepBy(n);
      return;
    }
    if (mode.equals("lines") && total > 0 && System.nanoTime() - lastLine > LINE_EVERY.toNanos()) {
      lastLine = System.nanoTime();
      synchronized (this) {
        err.printf("arcred: %s%s %d/%d (%d%%)%n", elapsed(), phase, now, total, now * 100 / total);
        err.flush();
      }
    }
  }

  @Override
  public synchronized void end() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
