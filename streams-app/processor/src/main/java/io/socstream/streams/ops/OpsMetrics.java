package io.socstream.streams.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Binds the standard meters of an instance to its registry: every Kafka Streams client metric
 * (stream threads, tasks, processors, the topology's own sensors, the embedded clients;
 * Micrometer's {@link KafkaStreamsMetrics}, as {@code kafka_stream_*}, {@code kafka_consumer_*},
 * {@code kafka_producer_*} ...) and the JVM's (memory, GC, threads, CPU, uptime). {@link #close()}
 * releases what needs releasing.
 */
public final class OpsMetrics implements AutoCloseable {

  private final List<AutoCloseable> closeables = new ArrayList<>();

  private OpsMetrics() {}

  /** Binds Kafka Streams and JVM meters of {@code streams} to {@code registry}. */
  public static OpsMetrics bind(MeterRegistry registry, KafkaStreams streams) {
    OpsMetrics bound = new OpsMetrics();
    KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams);
    kafka.bindTo(registry);
    bound.closeables.add(kafka);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    bound.closeables.add(gc);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return bound;
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // closing meters must not fail a shutdown
      }
    }
  }
}
