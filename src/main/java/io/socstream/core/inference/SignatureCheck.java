package io.socstream.core.inference;

import io.socstream.core.model.CardSignature;
import io.socstream.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Signature;
import org.tensorflow.Signature.TensorDescription;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * Compares a SavedModel signature with the one the model card promises, so a model that would be
 * fed the wrong tensor fails when it is loaded (or exported), not on the first record.
 */
final class SignatureCheck {

  private SignatureCheck() {}

  /** Every difference between {@code actual} and {@code expected}; empty when they match. */
  static List<String> mismatches(Signature actual, CardSignature expected) {
    List<String> problems = new ArrayList<>();
    String where = "signature \"" + actual.key() + "\"";
    checkOne(where + " input", actual.getInputs(), expected.input(), problems);
    checkOne(where + " output", actual.getOutputs(), expected.output(), problems);
    return problems;
  }

  private static void checkOne(
      String where,
      Map<String, TensorDescription> tensors,
      TensorSpec expected,
      List<String> problems) {
    TensorDescription tensor = tensors.get(expected.name());
    if (tensor == null) {
      problems.add(
          where
              + ": the card names \""
              + expected.name()
              + "\" but the model has "
              + tensors.keySet());
      return;
    }
    if (tensors.size() != 1) {
      // The runner feeds and fetches exactly one tensor; extra inputs would be left unfed.
      problems.add(where + ": expected exactly one, the model has " + tensors.keySet());
    }
    String dtype = dtypeName(tensor.dataType);
    if (!dtype.equals(expected.dtype())) {
      problems.add(
          where
              + " \""
              + expected.name()
              + "\": card says dtype "
              + expected.dtype()
              + ", model has "
              + dtype);
    }
    List<Long> shape = shapeOf(tensor.shape);
    if (!shape.equals(expected.shape())) {
      problems.add(
          where
              + " \""
              + expected.name()
              + "\": card says shape "
              + expected.shape()
              + ", model has "
              + (tensor.shape.isUnknown() ? "unknown rank" : shape));
    }
  }

  /** The card's dtype spelling for a TensorFlow type. */
  static String dtypeName(DataType type) {
    return type == DataType.DT_FLOAT ? TensorSpec.FLOAT32 : type.name();
  }

  private static List<Long> shapeOf(Shape shape) {
    if (shape.isUnknown()) {
      return List.of();
    }
    return Arrays.stream(shape.asArray()).boxed().toList();
  }
}
