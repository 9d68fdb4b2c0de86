package io.socstream.streams.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.socstream.core.inference.SocSeries;
import io.socstream.streams.reliability.ReliabilityStack.Engine;
import io.socstream.streams.testing.SocProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability suite: real faults against real processes ({@code soc broker} and {@code soc run}
 * as their own JVMs, SIGKILL), four batteries replayed at a pace while the faults land, the
 * read_committed output compared with the offline prediction by battery + timestamp. Each scenario
 * adds a row to {@code target/reliability/crash.md} and, when all ran, to RELIABILITY.md. Kill
 * points are random from a logged seed ({@code -Dsoc.reliability.seed=N} repeats a run).
 */
@TestMethodOrder(OrderAnnotation.class)
class ReliabilityIT {

  private static final Path HOT_CYCLE = Path.of("src/main/resources/demo/25degC_551_US06.csv");
  private static final Path COLD_CYCLE = Path.of("src/main/resources/demo/n10degC_601_US06.csv");

  /** Samples per battery: 500 of warm-up, then one estimate each. */
  private static final int SAMPLES = 2_000;

  /** Replay speed of the crash loops: SAMPLES / 30 ≈ 67 s of input, longer than 5 restarts. */
  private static final double CRASH_SPEED = 30;

  private static final double SPEED = 60;
  private static final long SEED = Long.getLong("soc.reliability.seed", System.currentTimeMillis());
  private static final Duration LONG = Duration.ofSeconds(240);
  private static final int SCENARIOS = 5;

  private static final Map<Integer, ScenarioRow> ROWS = new TreeMap<>();
  private static ReliabilityStack shared;
  private static Path hot;
  private static Path cold;
  private static long suiteStart;

  @BeforeAll
  static void startBroker(@TempDir Path dir) throws Exception {
    suiteStart = System.nanoTime();
    log("seed %d", SEED);
    hot = OfflinePrediction.head(HOT_CYCLE, SAMPLES, dir);
    cold = OfflinePrediction.head(COLD_CYCLE, SAMPLES, dir);
    shared = new ReliabilityStack(dir);
    shared.startBroker();
  }

  @AfterAll
  static void report() throws Exception {
    if (shared != null) {
      shared.close();
    }
    double wall = (System.nanoTime() - suiteStart) / 1e9;
    String table = ReliabilityReport.table(ROWS.values(), SEED, wall);
    log("suite wall time %.0f s%n%s", wall, table);
    ReliabilityReport.write(Path.of("").toAbsolutePath(), table, ROWS.size() == SCENARIOS);
  }

  @Test
  @Order(1)
  void crashLoopUnderExactlyOnce() throws Exception {
    ScenarioRow row =
        killLoop(
            "crash",
            "run SIGKILL, restarted on its state dir",
            5,
            -1,
            "exactly_once_v2",
            CRASH_SPEED);
    ROWS.put(1, row);
    assertExact(row);
  }

  @Test
  @Order(2)
  void crashLoopWithTheStateDirWiped() throws Exception {
    ScenarioRow row =
        killLoop(
            "wiped",
            "run SIGKILL, state dir wiped before restart 3",
            5,
            2,
            "exactly_once_v2",
            CRASH_SPEED);
    ROWS.put(2, row);
    assertExact(row);
  }

  @Test
  @Order(3)
  void atLeastOnceDuplicatesAreBoundedByTheCommitInterval() throws Exception {
    ScenarioRow row =
        killLoop("alo", "run SIGKILL under at_least_once", 3, -1, "at_least_once", SPEED);
    ROWS.put(3, row);
    assertThat(row.tally().missing()).as("missing").isZero();
    assertThat(row.tally().unexpected()).as("unexpected").isZero();
    // Not asserted, reported: under at_least_once the stores and the output are not committed
    // together, so a re-read sample can meet a window that already holds it (max |diff| and dead
    // letters in the table; RELIABILITY.md explains).
    assertThat(row.tally().duplicated())
        .as("duplicates within the bound")
        .isLessThanOrEqualTo(aloBound);
  }

  @Test
  @Order(4)
  void twoInstancesOneKilled() throws Exception {
    String app = "pair";
    Random random = new Random(SEED + 4);
    Engine a = shared.engine(app, app + "-a", Map.of());
    Engine b = shared.engine(app, app + "-b", Map.of());
    SocProcess runA = shared.start(a);
    SocProcess runB = shared.start(b);
    ReliabilityStack.awaitReady(a, runA, LONG);
    ReliabilityStack.awaitReady(b, runB, LONG);
    boolean killA = random.nextBoolean();
    Engine victim = killA ? a : b;
    SocProcess victimRun = killA ? runA : runB;
    Engine survivor = killA ? b : a;
    SocProcess survivorRun = killA ? runB : runA;
    String survivorId = survivor.environment().get("SOC_INSTANCE_ID");
    Map<String, SocSeries> predictions = predictions(app);
    try (OutputCollector out =
            new OutputCollector(shared.bootstrap(), shared.registry(), app + ".soc");
        Admin admin = admin(shared)) {
      List<CompletableFuture<String>> replays = replays(shared, app, SPEED);
      awaitCount(out, 300);
      Map<String, Integer> before = awaitBothOwn(admin, app);
      Thread.sleep(random.nextInt(3_000));
      long killAt = System.nanoTime();
      victimRun.kill();
      log(
          "pair: killed %s (%s), replays done: %s",
          victim.environment().get("SOC_INSTANCE_ID"), before, allDone(replays));
      double takeover = Double.NaN;
      long deadline = killAt + LONG.toNanos();
      while (System.nanoTime() < deadline) {
        Map<String, Integer> owners = owners(admin, app);
        if (owners.size() == 1 && owners.getOrDefault(survivorId, 0) == 6) {
          takeover = (System.nanoTime() - killAt) / 1e9;
          break;
        }
        Thread.sleep(250);
      }
      assertThat(takeover).as("the survivor owns all 6 partitions").isNotNaN();
      log("pair: survivor %s owns all partitions after %.1f s", survivorId, takeover);
      Tally tally = finish(out, replays, predictions);
      assertThat(survivorRun.terminate(Duration.ofSeconds(60))).as(survivorRun.tail()).isZero();
      ScenarioRow row =
          new ScenarioRow(
              "one of two instances SIGKILL, not restarted",
              "exactly_once_v2",
              1,
              recordsIn(),
              tally,
              shared.deadLetters(app),
              List.of(takeover),
              String.format(
                  "recovery = until the survivor owns all 6 partitions (static member's session"
                      + " timeout 45 s); partitions before: %s",
                  before));
      ROWS.put(4, row);
      assertExact(row);
    }
  }

  @Test
  @Order(5)
  void brokerKilledAndRestarted(@TempDir Path dir) throws Exception {
    String app = "brokerkill";
    Random random = new Random(SEED + 5);
    try (ReliabilityStack own = new ReliabilityStack(dir)) {
      own.startBroker();
      Engine engine = own.engine(app, app + "-a", Map.of());
      SocProcess run = own.start(engine);
      ReliabilityStack.awaitReady(engine, run, LONG);
      Map<String, SocSeries> predictions = predictions(app);
      try (OutputCollector out =
          new OutputCollector(own.bootstrap(), own.registry(), app + ".soc")) {
        List<CompletableFuture<String>> replays = replays(own, app, SPEED);
        awaitCount(out, 300);
        Thread.sleep(random.nextInt(3_000));
        long killAt = System.nanoTime();
        own.broker().kill();
        log("brokerkill: broker killed at %d estimates", out.count());
        own.startBroker();
        log("brokerkill: broker back after %.1f s", (System.nanoTime() - killAt) / 1e9);
        double recovery = awaitOutputAfter(out, killAt, run);
        Tally tally = finish(out, replays, predictions);
        assertThat(run.isAlive()).as("the engine recovered by itself").isTrue();
        assertThat(run.terminate(Duration.ofSeconds(60))).as(run.tail()).isZero();
        ScenarioRow row =
            new ScenarioRow(
                "broker SIGKILL, restarted (same dir and ports)",
                "exactly_once_v2",
                1,
                recordsIn(),
                tally,
                own.deadLetters(app),
                List.of(recovery),
                "engine not restarted; recovery includes the broker's own restart");
        ROWS.put(5, row);
        assertExact(row);
      }
    }
  }

  private static int aloBound;

  /**
   * Starts {@code soc run}, replays four batteries at {@code speed}, SIGKILLs the engine {@code
   * kills} times at random points while estimates flow (each time after the restarted engine has
   * emitted again, so every kill lands mid-processing) and restarts it on the same state dir (wiped
   * before restart {@code wipeBefore}, -1 = never).
   */
  private ScenarioRow killLoop(
      String app, String fault, int kills, int wipeBefore, String guarantee, double speed)
      throws Exception {
    Random random = new Random(SEED + app.hashCode());
    Engine engine = shared.engine(app, app + "-a", Map.of("SOC_PROCESSING_GUARANTEE", guarantee));
    SocProcess run = shared.start(engine);
    ReliabilityStack.awaitReady(engine, run, LONG);
    Map<String, SocSeries> predictions = predictions(app);
    List<Long> killTimes = new ArrayList<>();
    int flowing = 0;
    int bound = 0;
    try (OutputCollector out =
        new OutputCollector(shared.bootstrap(), shared.registry(), app + ".soc")) {
      List<CompletableFuture<String>> replays = replays(shared, app, speed);
      for (int k = 0; k < kills; k++) {
        if (killTimes.isEmpty()) {
          awaitCount(out, 1);
        } else {
          awaitOutputOrDone(out, killTimes.get(killTimes.size() - 1), run, replays, predictions);
        }
        int delay = random.nextInt(2_500);
        Thread.sleep(delay);
        boolean inFlight = !allDone(replays) || !Tally.of(predictions, out.received()).complete();
        flowing += inFlight ? 1 : 0;
        long killAt = System.nanoTime();
        run.kill();
        killTimes.add(killAt);
        // under at_least_once a kill repeats what was processed since the last commit (1 s)
        int lastWindow = out.arrivedBetween(killAt - TimeUnit.SECONDS.toNanos(2), killAt);
        bound += lastWindow + 64;
        log(
            "%s: kill %d at +%d ms after output resumed, %d estimates so far, %d in the last 2 s,"
                + " input flowing: %s",
            app, k + 1, delay, out.count(), lastWindow, inFlight);
        if (k == wipeBefore) {
          deleteTree(Path.of(engine.environment().get("SOC_STATE_DIR")));
          log("%s: state dir wiped", app);
        }
        run = shared.start(engine);
      }
      awaitOutputOrDone(out, killTimes.get(killTimes.size() - 1), run, replays, predictions);
      Tally tally = finish(out, replays, predictions);
      // a stop after start-up, not during it; ready may stay 503 (under at_least_once the re-read
      // records are dead-lettered LATE, and the dead-letter ratio turns readiness off)
      awaitStatus(engine, 200, Duration.ofSeconds(30));
      assertThat(run.terminate(Duration.ofSeconds(60))).as(run.tail()).isZero();
      List<Double> recoveries = new ArrayList<>();
      for (long killAt : killTimes) {
        double recovery = recovery(out, killAt);
        if (!Double.isNaN(recovery)) { // NaN: nothing was left to estimate after that kill
          recoveries.add(recovery);
        }
      }
      aloBound = bound;
      String note =
          String.format(
              "%d of %d kills while input flowed%s",
              flowing,
              kills,
              guarantee.equals("at_least_once")
                  ? String.format(
                      "; %.0f duplicates per kill (bound %d in all: the estimates of the 2 s"
                          + " before each kill + 64), most copies of one %d",
                      tally.duplicated() / (double) kills, bound, tally.mostCopies())
                  : "");
      int deadLetters = shared.deadLetters(app);
      log("%s: %s, %d dead letters", app, tally, deadLetters);
      return new ScenarioRow(
          fault, guarantee, kills, recordsIn(), tally, deadLetters, recoveries, note);
    }
  }

  /** Waits for the replays and every expected estimate, then a quiet 3 s for late copies. */
  private static Tally finish(
      OutputCollector out,
      List<CompletableFuture<String>> replays,
      Map<String, SocSeries> predictions)
      throws Exception {
    CompletableFuture.allOf(replays.toArray(CompletableFuture[]::new))
        .get(LONG.toSeconds(), TimeUnit.SECONDS);
    long deadline = System.nanoTime() + LONG.toNanos();
    while (!Tally.of(predictions, out.received()).complete() && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    int seen = -1;
    while (seen != out.count()) {
      seen = out.count();
      Thread.sleep(3_000);
    }
    return Tally.of(predictions, out.received());
  }

  private static void assertExact(ScenarioRow row) {
    Tally t = row.tally();
    assertThat(t.missing()).as(row.fault() + ": missing").isZero();
    assertThat(t.duplicated()).as(row.fault() + ": duplicated").isZero();
    assertThat(t.unexpected()).as(row.fault() + ": unexpected").isZero();
    assertThat(t.received()).isEqualTo(t.expected());
    assertThat(t.maxDiff()).as(row.fault() + ": max |diff|").isLessThanOrEqualTo(1e-6);
    assertThat(row.deadLetters()).as(row.fault() + ": valid input dead-lettered").isZero();
  }

  /** Four batteries: two from each demo cycle (25 °C and -10 °C), ids {@code app-b1..b4}. */
  private static Map<String, Path> batteries(String app) {
    Map<String, Path> batteries = new LinkedHashMap<>();
    batteries.put(app + "-b1", hot);
    batteries.put(app + "-b2", cold);
    batteries.put(app + "-b3", hot);
    batteries.put(app + "-b4", cold);
    return batteries;
  }

  private static int recordsIn() {
    return 2 * OfflinePrediction.records(hot) + 2 * OfflinePrediction.records(cold);
  }

  private static Map<String, SocSeries> predictions(String app) {
    Map<String, SocSeries> predictions = new LinkedHashMap<>();
    batteries(app).forEach((battery, csv) -> predictions.put(battery, OfflinePrediction.of(csv)));
    return predictions;
  }

  private static List<CompletableFuture<String>> replays(
      ReliabilityStack stack, String app, double speed) {
    List<CompletableFuture<String>> replays = new ArrayList<>();
    batteries(app)
        .forEach(
            (battery, csv) -> replays.add(stack.replay(csv, battery, app + ".telemetry", speed)));
    return replays;
  }

  private static boolean allDone(List<CompletableFuture<String>> replays) {
    return replays.stream().allMatch(CompletableFuture::isDone);
  }

  private static void awaitCount(OutputCollector out, int count) throws InterruptedException {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (out.count() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fewer than " + count + " estimates within " + LONG);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Waits for an estimate committed after the fault (arriving 0.5 s or more after it, so none that
   * was already on its way) and returns the seconds from the fault to it.
   */
  private static double awaitOutputAfter(OutputCollector out, long faultAt, SocProcess run)
      throws InterruptedException {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (System.nanoTime() < deadline) {
      double recovery = recovery(out, faultAt);
      if (!Double.isNaN(recovery)) {
        return recovery;
      }
      if (!run.isAlive()) {
        throw new AssertionError("run exited\n" + run.tail());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no estimate within " + LONG + " of the fault\n" + run.tail());
  }

  /**
   * Like {@link #awaitOutputAfter}, but also returns when every replay is done and every estimate
   * is in (a kill after the end of the input has nothing left to emit).
   */
  private static void awaitOutputOrDone(
      OutputCollector out,
      long faultAt,
      SocProcess run,
      List<CompletableFuture<String>> replays,
      Map<String, SocSeries> predictions)
      throws InterruptedException {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (System.nanoTime() < deadline) {
      if (!Double.isNaN(recovery(out, faultAt))
          || (allDone(replays) && Tally.of(predictions, out.received()).complete())) {
        return;
      }
      if (!run.isAlive()) {
        throw new AssertionError("run exited\n" + run.tail());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no estimate within " + LONG + " of the fault\n" + run.tail());
  }

  private static double recovery(OutputCollector out, long faultAt) {
    long first = out.firstArrivalAfter(faultAt + TimeUnit.MILLISECONDS.toNanos(500));
    return first < 0 ? Double.NaN : (first - faultAt) / 1e9;
  }

  private static void awaitStatus(Engine engine, int status, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ReliabilityStack.status(engine.ops() + "/health/ready") != status
        && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
  }

  /** Waits until two instances own input partitions (after the rebalance of the second join). */
  private static Map<String, Integer> awaitBothOwn(Admin admin, String app) throws Exception {
    long deadline = System.nanoTime() + LONG.toNanos();
    Map<String, Integer> owners = owners(admin, app);
    while (!(owners.size() == 2 && owners.values().stream().allMatch(n -> n > 0))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("both instances do not own partitions: " + owners);
      }
      Thread.sleep(250);
      owners = owners(admin, app);
    }
    return owners;
  }

  /** Instance id (without Kafka Streams' thread suffix) → input partitions it owns now. */
  private static Map<String, Integer> owners(Admin admin, String app) throws Exception {
    ConsumerGroupDescription group =
        admin.describeConsumerGroups(List.of(app)).all().get(30, TimeUnit.SECONDS).get(app);
    Map<String, Integer> owners = new TreeMap<>();
    for (MemberDescription m : group.members()) {
      String id = m.groupInstanceId().orElse(m.consumerId()).replaceFirst("-\\d+$", "");
      long partitions =
          m.assignment().topicPartitions().stream()
              .filter(tp -> tp.topic().equals(app + ".telemetry"))
              .count();
      owners.merge(id, (int) partitions, Integer::sum);
    }
    return owners;
  }

  private static Admin admin(ReliabilityStack stack) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap()));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static void log(String format, Object... args) {
    double elapsed = suiteStart == 0 ? 0 : (System.nanoTime() - suiteStart) / 1e9;
    System.out.printf("[reliability %5.0f s] " + format + "%n", prepend(elapsed, args));
  }
}
