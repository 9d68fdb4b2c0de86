package io.socstream.export.train;

import java.util.Map;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The dense head after the last ConvLSTM state, shared by the training graph ({@link
 * ConvLstmForward}) and the serving graph ({@link ServingForward}) like {@link LstmCell}.
 */
final class DenseHead {

  private DenseHead() {}

  /**
   * ReLU dense layers of {@code config.architecture().denseUnits()}, then one linear output.
   *
   * @param flattened [batch, imageWidth * filters]
   * @param afterHiddenLayer applied to each ReLU layer's output with its index (dropout while
   *     training; identity when serving)
   * @return [batch, 1]
   */
  static Operand<TFloat32> apply(
      Ops tf,
      ConvLstmConfig config,
      Map<String, ? extends Operand<TFloat32>> parameters,
      Operand<TFloat32> flattened,
      BiFunction<Operand<TFloat32>, Integer, Operand<TFloat32>> afterHiddenLayer) {
    Operand<TFloat32> activations = flattened;
    for (int layer = 0; layer < config.architecture().denseUnits().size(); layer++) {
      activations =
          afterHiddenLayer.apply(
              tf.nn.relu(
                  tf.nn.biasAdd(
                      tf.linalg.matMul(
                          activations,
                          LstmCell.parameter(parameters, ModelLayout.denseKernel(layer))),
                      LstmCell.parameter(parameters, ModelLayout.denseBias(layer)))),
              layer);
    }
    return tf.nn.biasAdd(
        tf.linalg.matMul(activations, LstmCell.parameter(parameters, ModelLayout.OUTPUT_KERNEL)),
        LstmCell.parameter(parameters, ModelLayout.OUTPUT_BIAS));
  }
}
