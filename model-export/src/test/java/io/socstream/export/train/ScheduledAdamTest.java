package io.socstream.export.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class ScheduledAdamTest {

  private static final float[] START = {0.3f, -1.2f, 2.5f};
  private static final float[] TARGET = {1f, 0f, -1f};

  @Test
  void stepsExactlyLikeTheAdamFormulaAcrossARateChange() {
    for (int run = 0; run < 3; run++) { // the unordered framework Adam failed at random
      float[] actual = optimise(true, 0.05f, 6, 0.01f);
      assertThat(actual).containsExactly(referenceAdam(0.05f, 6, 0.01f), within(1e-6f));
    }
  }

  /** Kingma and Ba's Adam as ApplyAdam computes it, in double precision. */
  private static float[] referenceAdam(float rate, int steps, float laterRate) {
    double[] w = new double[START.length];
    double[] m = new double[START.length];
    double[] v = new double[START.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = START[i];
    }
    for (int t = 1; t <= steps; t++) {
      double lr = t == 1 ? rate : laterRate;
      double corrected =
          lr
              * Math.sqrt(1 - Math.pow(Adam.BETA_TWO_DEFAULT, t))
              / (1 - Math.pow(Adam.BETA_ONE_DEFAULT, t));
      for (int i = 0; i < w.length; i++) {
        double g = 2 * (w[i] - TARGET[i]);
        m[i] = Adam.BETA_ONE_DEFAULT * m[i] + (1 - Adam.BETA_ONE_DEFAULT) * g;
        v[i] = Adam.BETA_TWO_DEFAULT * v[i] + (1 - Adam.BETA_TWO_DEFAULT) * g * g;
        w[i] -= corrected * m[i] / (Math.sqrt(v[i]) + Adam.EPSILON_DEFAULT);
      }
    }
    float[] result = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      result[i] = (float) w[i];
    }
    return result;
  }

  @Test
  void aRateOfZeroFreezesTheVariable() {
    float[] afterFirstStep = optimise(true, 0.05f, 1, Float.NaN);
    float[] frozen = optimise(true, 0.05f, 5, 0f);
    assertThat(frozen).containsExactly(afterFirstStep);
  }

  @Test
  void aSmallerRateTakesSmallerSteps() {
    float[] full = optimise(true, 0.05f, 3, Float.NaN);
    float[] cut = optimise(true, 0.05f, 3, 0.005f);
    float[] first = optimise(true, 0.05f, 1, Float.NaN);
    for (int i = 0; i < START.length; i++) {
      assertThat(Math.abs(cut[i] - first[i])).isLessThan(Math.abs(full[i] - first[i]));
    }
  }

  /** Runs {@code steps} steps; after the first, the rate becomes {@code laterRate} unless NaN. */
  private static float[] optimise(boolean scheduled, float rate, int steps, float laterRate) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> w = tf.withName("w").variable(tf.withInitScope().constant(START));
      Operand<TFloat32> loss =
          tf.reduceSum(
              tf.math.square(tf.math.sub(w, tf.constant(TARGET))), tf.constant(new int[] {0}));
      Placeholder<TFloat32> learningRate =
          tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Optimizer optimizer =
          scheduled ? new ScheduledAdam(graph, learningRate) : new Adam(graph, rate);
      Op step = optimizer.minimize(loss);
      try (Session session = new Session(graph)) {
        for (int i = 0; i < steps; i++) {
          float stepRate = i == 0 || Float.isNaN(laterRate) ? rate : laterRate;
          try (TFloat32 fed = TFloat32.scalarOf(stepRate)) {
            Session.Runner runner = session.runner().addTarget(step);
            if (scheduled) {
              runner.feed(learningRate, fed);
            }
            runner.run();
          }
        }
        float[] values = new float[START.length];
        try (Result result = session.runner().fetch(w).run()) {
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
        }
        return values;
      }
    }
  }
}
