package dev.jcosign.core.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The --type table of spec §3.4. */
class PredicatesTest {
  private final Predicates predicates = new Predicates(Clock.fixed(Instant.parse("2026-01-02T03:04:05.9Z"), ZoneOffset.UTC));

  private String build(String type, String file) {
    return new String(predicates.build(type, file.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource({
    "custom, https://cosign.sigstore.dev/attestation/v1",
    "slsaprovenance, https://slsa.dev/provenance/v0.2",
    "slsaprovenance02, https://slsa.dev/provenance/v0.2",
    "slsaprovenance1, https://slsa.dev/provenance/v1",
    "link, https://in-toto.io/Link/v1",
    "spdx, https://spdx.dev/Document",
    "spdxjson, https://spdx.dev/Document",
    "cyclonedx, https://cyclonedx.org/bom",
    "vuln, https://cosign.sigstore.dev/attestation/vuln/v1",
    "openvex, https://openvex.dev/ns",
    "https://example.com/custom/v1, https://example.com/custom/v1",
    "urn:example:x, urn:example:x"
  })
  void namesMapToUris(String type, String uri) {
    assertEquals(uri, PredicateTypes.uriFor(type));
  }

  @Test
  void unknownNameIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PredicateTypes.uriFor("sbom"));
    assertEquals("invalid predicate type: sbom", e.getMessage());
  }

  @Test
  void customWrapsTheFileWithATimestamp() {
    assertEquals("{\"Data\":\"not json \\u003c\\u003e\\n\",\"Timestamp\":\"2026-01-02T03:04:05Z\"}", build("custom", "not json <>\n"));
  }

  @Test
  void jsonPredicatesGoThroughGosRoundTrip() {
    assertEquals("{\"a\":[1,1.5,100,1e+21,1e-7],\"b\":{\"x\":null,\"y\":true},\"z\":\"\\u0026\"}",
        build("cyclonedx", "{\"z\":\"&\",\"b\":{\"y\":true,\"x\":null},\"a\":[1.0,1.5,1e2,1e21,0.0000001]}"));
    assertEquals("{\"k\":\"v\"}", build("https://example.com/p/v1", "{ \"k\" : \"v\" }"));
  }

  @Test
  void spdxIsTheFileAsOneString() {
    assertEquals("\"SPDXVersion: SPDX-2.2\\n\"", build("spdx", "SPDXVersion: SPDX-2.2\n"));
    assertEquals("{\"spdxVersion\":\"SPDX-2.3\"}", build("spdxjson", "{\"spdxVersion\":\"SPDX-2.3\"}"));
  }

  @Test
  void nonJsonIsRejectedWhereJsonIsRequired() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> build("cyclonedx", "<bom/>"));
    assertTrue(e.getMessage().startsWith("invalid JSON payload for predicate type https://cyclonedx.org/bom: "), e.getMessage());
    InvalidInputException arr = assertThrows(InvalidInputException.class, () -> build("https://example.com/p", "[1]"));
    assertEquals("invalid JSON payload for predicate type https://example.com/p: not a JSON object", arr.getMessage());
  }

  @Test
  void slsaRequiredFieldsAndV1Normalisation() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> build("slsaprovenance", "{\"builder\":{}}"));
    assertEquals("required field buildType missing", e.getMessage());
    assertEquals("{\"buildDefinition\":{},\"runDetails\":{\"metadata\":{\"invocationId\":\"i\"}}}",
        build("slsaprovenance1", "{\"buildDefinition\":{},\"runDetails\":{\"metadata\":{\"invocationID\":\"i\"}}}"));
  }
}
