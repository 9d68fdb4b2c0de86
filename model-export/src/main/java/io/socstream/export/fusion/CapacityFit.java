package io.socstream.export.fusion;

import io.socstream.core.features.Sample;
import io.socstream.core.fusion.CapacityPoint;
import io.socstream.export.fusion.CardDataFiles.CardFile;
import io.socstream.export.labels.LabelLedger;
import io.socstream.export.labels.LabelScale;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Capacity as a function of cell temperature, from the SOC labels of the model's training and
 * validation files: per ambient temperature, the Ah the label counts per unit of SOC when
 * discharging and when charging ({@link LabelScale}; the data set's label divides by the C/20
 * discharge and charge capacities), placed at the mean cell temperature of those files (the filter
 * looks capacity up by the measured cell temperature, which runs a few degrees above ambient).
 */
final class CapacityFit {

  private CapacityFit() {}

  /**
   * One point per ambient temperature whose files define both capacities, by increasing cell
   * temperature.
   *
   * @throws IllegalArgumentException when no temperature has a defined label scale
   */
  static List<CapacityPoint> fit(List<CardFile> files) throws IOException {
    Map<Integer, LabelScale> scales = new TreeMap<>();
    Map<Integer, double[]> temperatureSums = new TreeMap<>();
    for (CardFile file : files) {
      Optional<LabelLedger> ledger = LabelLedger.read(file.path());
      if (ledger.isEmpty()) {
        continue;
      }
      scales.merge(file.temperatureC(), LabelScale.of(ledger.get()), LabelScale::plus);
      double[] sums = temperatureSums.computeIfAbsent(file.temperatureC(), t -> new double[2]);
      for (Sample sample : file.cycle().samples()) {
        sums[0] += sample.temperature();
        sums[1]++;
      }
    }
    List<CapacityPoint> points = new ArrayList<>();
    for (Map.Entry<Integer, LabelScale> entry : scales.entrySet()) {
      LabelScale scale = entry.getValue();
      if (!(scale.socRise() > 0) || !(scale.socDrop() > 0)) {
        continue;
      }
      double[] sums = temperatureSums.get(entry.getKey());
      points.add(
          new CapacityPoint(
              sums[0] / sums[1], scale.dischargeCapacityAh(), scale.chargeCapacityAh()));
    }
    points.sort((a, b) -> Double.compare(a.temperatureC(), b.temperatureC()));
    if (points.isEmpty()) {
      throw new IllegalArgumentException(
          "no training or validation file has label columns to fit the capacity from");
    }
    return points;
  }
}
