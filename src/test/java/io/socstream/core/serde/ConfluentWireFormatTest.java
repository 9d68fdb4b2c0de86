package io.socstream.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

  @Test
  void frameWritesMagicByteThenBigEndianIdThenBody() {
    byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {42, 43});

    assertThat(framed).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 42, 43);
  }

  @Test
  void writeHeaderMatchesFrame() {
    var out = new ByteArrayOutputStream();
    ConfluentWireFormat.writeHeader(out, 300);

    assertThat(out.toByteArray()).containsExactly(0x00, 0x00, 0x00, 0x01, 0x2c);
  }

  @Test
  void schemaIdReadsTheHeaderBack() {
    byte[] framed = ConfluentWireFormat.frame(Integer.MAX_VALUE, new byte[] {7});

    assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(Integer.MAX_VALUE);
    assertThat(ConfluentWireFormat.bodyLength(framed)).isEqualTo(1);
  }

  @Test
  void wrongMagicByteIsNamedInTheError() {
    byte[] payload = {0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d}; // {"a":1}, i.e. JSON

    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(payload))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte 0x7b");
  }

  @Test
  void payloadShorterThanTheHeaderIsRejected() {
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("3 bytes")
        .hasMessageContaining("shorter than the 5-byte");
  }
}
