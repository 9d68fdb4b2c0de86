package io.socstream.streams.registry;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests against a fresh registry per test: started on a free port over an empty directory. */
abstract class RunningRegistryFixture {

  @TempDir Path dir;
  SchemaRegistryServer server;

  @BeforeEach
  void startRegistry() {
    server = SchemaRegistryServer.start(dir, "localhost", 0);
  }

  @AfterEach
  void stopRegistry() {
    server.close();
  }
}
