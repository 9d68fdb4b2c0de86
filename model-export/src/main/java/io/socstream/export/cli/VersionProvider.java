package io.socstream.export.cli;

import io.socstream.core.BuildInfo;
import java.nio.file.Path;
import picocli.CommandLine;

/** Project version, git commit and the shipped model's version (what `soc -V` prints). */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    return BuildInfo.current()
        .versionLines("soc-stream model-export", shippedModel())
        .toArray(String[]::new);
  }

  private static Path shippedModel() {
    try {
      return ModelLocator.resolve(null);
    } catch (IllegalArgumentException none) {
      return null;
    }
  }
}
