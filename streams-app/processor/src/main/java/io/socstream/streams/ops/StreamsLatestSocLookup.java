package io.socstream.streams.ops;

import io.socstream.streams.state.BatteryStateCodec;
import io.socstream.streams.state.LatestEstimateCodec;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link LatestSocLookup} over Kafka Streams interactive queries on the battery-state store (the
 * newest estimate kept in each battery's value): {@link KafkaStreams#queryMetadataForKey} says
 * which instance owns the battery's partition; this instance answers from its store, another is
 * named by its {@code application.server}. Without {@code application.server} ({@code self} null)
 * only the local store is asked.
 */
public final class StreamsLatestSocLookup implements LatestSocLookup {

  private final KafkaStreams streams;
  private final String storeName;
  private final HostInfo self;

  /**
   * @param self this instance's {@code application.server}, null when not set
   */
  public StreamsLatestSocLookup(KafkaStreams streams, String storeName, HostInfo self) {
    this.streams = streams;
    this.storeName = storeName;
    this.self = self;
  }

  /** Parses {@code host:port}; null or blank gives null. */
  public static HostInfo hostInfo(String applicationServer) {
    if (applicationServer == null || applicationServer.isBlank()) {
      return null;
    }
    return HostInfo.buildFromEndpoint(applicationServer.trim());
  }

  @Override
  public Result find(String batteryId) {
    try {
      if (self != null) {
        KeyQueryMetadata metadata =
            streams.queryMetadataForKey(storeName, batteryId, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
          return new Unavailable("no metadata for the store yet (state " + streams.state() + ")");
        }
        HostInfo active = metadata.activeHost();
        if (!active.equals(self)) {
          return new Elsewhere(active.host(), active.port());
        }
      }
      ReadOnlyKeyValueStore<String, byte[]> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  storeName, QueryableStoreTypes.<String, byte[]>keyValueStore()));
      byte[] state = store.get(batteryId);
      byte[] latest = state == null ? null : BatteryStateCodec.latestEstimate(state);
      return latest == null
          ? new NotFound()
          : new Found(LatestEstimateCodec.decode(batteryId, latest));
    } catch (InvalidStateStoreException e) {
      return new Unavailable(e.getMessage());
    }
  }
}
