package io.socstream.streams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The compiler threads' CPU from {@code /proc/self/task/<tid>/stat}: utime + stime. */
class JitCompilerCpuTest {

  @Test
  void ticksAreUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    String stat = "4242 (C2 CompilerThre) S 1 1 1 0 -1 4194368 10 0 0 0 1234 56 0 0 20 0 1 0";
    assertThat(JitCompilerCpu.ticks(stat)).isEqualTo(1290);
    String odd = "7 (a) b (c) R 1 1 1 0 -1 0 0 0 0 0 7 8 0 0";
    assertThat(JitCompilerCpu.ticks(odd)).isEqualTo(15);
  }
}
