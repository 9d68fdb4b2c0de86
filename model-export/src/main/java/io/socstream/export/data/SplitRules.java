package io.socstream.export.data;

import java.util.Map;
import java.util.Optional;

/**
 * The data protocol: which LG HG2 file is used for what.
 *
 * <ul>
 *   <li>test: UDDS, HWFET, LA92 and US06 at every temperature. The Mixed cycles are random mixes of
 *       these four, so the model learns the profiles' segments but is scored on whole standard
 *       cycles it never saw.
 *   <li>validation: one Mixed cycle per temperature, named in {@link #VALIDATION}.
 *   <li>train: every other Mixed cycle, except 40 °C Mixed4–8 ({@code 562_Mixed4..8}): the data
 *       set's notes show them 13–24 min long with the cell at ~23 °C and SOC above 0.92, so they
 *       are not 40 °C data.
 *   <li>nothing else (charges, HPPC, C/20, pause cycles) is used.
 * </ul>
 */
final class SplitRules {

  /**
   * The validation cycle per ambient temperature. Mixed8 where it exists, as the last recorded mix;
   * 40 °C has no usable Mixed8, so its last complete mix, 557_Mixed3.
   */
  static final Map<Integer, CycleFileName> VALIDATION =
      Map.of(
          -20, new CycleFileName(611, "Mixed8"),
          -10, new CycleFileName(604, "Mixed8"),
          0, new CycleFileName(590, "Mixed8"),
          10, new CycleFileName(571, "Mixed8"),
          25, new CycleFileName(552, "Mixed8"),
          40, new CycleFileName(557, "Mixed3"));

  /** At 40 °C only Mixed1–3 are real 40 °C recordings. */
  private static final int HOT_TEMPERATURE_C = 40;

  private static final int LAST_VALID_HOT_MIXED = 3;

  private SplitRules() {}

  /** The role of a file at an ambient temperature, or empty when it is not used. */
  static Optional<DataRole> roleOf(int temperatureC, CycleFileName name) {
    if (name.isStandardDriveCycle()) {
      return Optional.of(DataRole.TEST);
    }
    Optional<Integer> mixed = name.mixedNumber();
    if (mixed.isEmpty()) {
      return Optional.empty();
    }
    if (temperatureC == HOT_TEMPERATURE_C && mixed.get() > LAST_VALID_HOT_MIXED) {
      return Optional.empty();
    }
    return Optional.of(
        name.equals(VALIDATION.get(temperatureC)) ? DataRole.VALIDATION : DataRole.TRAIN);
  }
}
