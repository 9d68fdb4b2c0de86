package io.socstream.streams.cli;

import java.util.concurrent.CountDownLatch;

/**
 * A shutdown hook (Ctrl-C, SIGTERM) for a command that reads until stopped ({@code tail}, {@code
 * record}): it stops the command and waits until the command has finished, so the output (the last
 * lines, a complete file) is written before the JVM exits. Call {@link #commandFinished()} in a
 * {@code finally} block.
 */
final class StopOnShutdown {

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private StopOnShutdown(Runnable stop, String threadName) {
    this.hook =
        new Thread(
            () -> {
              stop.run();
              try {
                finished.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            threadName);
  }

  /** Registers a hook that runs {@code stop} (which must be thread-safe) on JVM shutdown. */
  static StopOnShutdown install(Runnable stop, String threadName) {
    StopOnShutdown onShutdown = new StopOnShutdown(stop, threadName);
    Runtime.getRuntime().addShutdownHook(onShutdown.hook);
    return onShutdown;
  }

  /** The command has finished: a running hook may let the JVM exit, a pending one is removed. */
  void commandFinished() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it waited for us
    }
  }
}
