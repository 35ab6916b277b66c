package dev.jcosign.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcosign.core.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SimpleSigningPayloadTest {

  static byte[] resource(String name) throws IOException {
    try (InputStream in = SimpleSigningPayloadTest.class.getResourceAsStream("/vectors/payloads/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy-keyless-payload.json", "legacy-keyed-payload.json", "skopeo-written-payload.json"})
  void reproducesPayloadsOfRealSignersByteForByte(String vector) throws IOException {
    byte[] real = resource(vector);
    SimpleSigningPayload parsed = SimpleSigningPayload.parse(real);
    byte[] ours =
        SimpleSigningPayload.forImage(parsed.dockerReference(), Digest.parse(parsed.manifestDigest()), Map.of()).toBytes();
    assertArrayEquals(real, ours, new String(ours, StandardCharsets.UTF_8));
  }

  @Test
  void annotationsAreSortedAndGoEscaped() {
    Digest d = Digest.sha256("x");
    byte[] b = SimpleSigningPayload.forImage("ghcr.io/o/a", d, Map.of("z", "1", "a", "<b>&\u2028")).toBytes();
    assertEquals(
        "{\"critical\":{\"identity\":{\"docker-reference\":\"ghcr.io/o/a\"},\"image\":{\"docker-manifest-digest\":\"" + d
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":{\"a\":\"\\u003cb\\u003e\\u0026\\u2028\",\"z\":\"1\"}}",
        new String(b, StandardCharsets.UTF_8));
  }

  @Test
  void controlCharactersUseGoForms() {
    byte[] b = SimpleSigningPayload.forImage("r/x", Digest.sha256("x"), Map.of("k", "a\nb\tc\bd\u0001é")).toBytes();
    String s = new String(b, StandardCharsets.UTF_8);
    assertEquals(true, s.contains("\"k\":\"a\\nb\\tc\\u0008d\\u0001é\""), s);
  }
}
