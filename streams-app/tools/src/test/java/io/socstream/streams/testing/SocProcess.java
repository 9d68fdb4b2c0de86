package io.socstream.streams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One {@code ./soc} command as its own JVM, started from the packaged jar exactly as the {@code
 * soc} script starts it ({@code java -Dsoc.home=<repo> -jar
 * streams-app/tools/target/soc-streams-tools.jar ...}), with stdout and stderr in one log file.
 * Broker tests use it where a crash or a stop must be real: {@link #kill()} is SIGKILL, {@link
 * #terminate(Duration)} SIGTERM.
 */
public final class SocProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private SocProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The packaged jar of this module (Failsafe runs after {@code package}, in the module dir). */
  public static Path jar() {
    Path jar = Path.of("target", "soc-streams-tools.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the tests with `mvn verify`");
    }
    return jar;
  }

  /**
   * Starts {@code soc <args>} with {@code environment} added to this JVM's environment.
   *
   * @param log where stdout and stderr go (appended, so a restart keeps the earlier output)
   */
  public static SocProcess start(
      String name, List<String> args, Map<String, String> environment, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Dsoc.home=" + Path.of("..", "..").toAbsolutePath().normalize());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new SocProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
    }
  }

  /** Waits until the log has a line matching {@code regex}; fails with the log's tail. */
  public String awaitLine(String regex, Duration timeout) throws InterruptedException {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines()) {
        if (pattern.matcher(line).find()) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited ("
                + process.exitValue()
                + ") before printing /"
                + regex
                + "/\n"
                + tail());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        name + " did not print /" + regex + "/ within " + timeout + "\n" + tail());
  }

  /** Every line written so far. */
  public List<String> lines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last 40 lines of the log, for failure messages. */
  public String tail() {
    List<String> lines = lines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM; returns the exit code, or fails when it does not exit within {@code timeout}. */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM\n" + tail());
    }
    return process.exitValue();
  }

  /** SIGKILL when still running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
