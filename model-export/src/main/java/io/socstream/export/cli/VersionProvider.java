package io.socstream.export.cli;

import picocli.CommandLine;

/** The jar's version from its manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = ModelExportCli.class.getPackage().getImplementationVersion();
    return new String[] {"soc-stream model-export " + (version == null ? "development" : version)};
  }
}
