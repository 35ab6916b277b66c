package dev.jcosign.core.signingconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.signingconfig.SigningConfig.Selector;
import dev.jcosign.core.signingconfig.SigningConfig.Service;
import dev.jcosign.core.signingconfig.SigningConfig.ServiceConfiguration;
import dev.jcosign.core.tlog.ValidityPeriod;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading {@code signing_config.v0.2.json} (spec §6.7) as protobuf JSON, and its one-line errors. */
class SigningConfigTest {
  private static final String WHAT = "signing config cfg.json";
  private static final String MT = "\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\"";

  private static SigningConfig parse(String json) {
    return SigningConfig.parse(json.getBytes(StandardCharsets.UTF_8), WHAT);
  }

  private static String error(String json) {
    return assertThrows(InvalidInputException.class, () -> parse(json)).getMessage();
  }

  private static Service service(String url, String start, String operator) {
    return new Service(url, 1, new ValidityPeriod(Optional.of(Instant.parse(start)), Optional.empty()), operator);
  }

  @Test
  void stagingExampleVectorParses() {
    SigningConfig c = SigningConfig.parse(KeyVectors.bytes("trusted-roots/signing_config.v0.2.staging-example.json"), WHAT);
    assertEquals(SigningConfig.MEDIA_TYPE, c.mediaType());
    assertEquals(List.of(service("https://fulcio.sigstage.dev", "2022-04-14T21:38:40Z", "sigstore.dev")), c.caUrls());
    assertEquals(List.of(service("https://oauth2.sigstage.dev/auth", "2025-04-16T00:00:00Z", "sigstore.dev")), c.oidcUrls());
    assertEquals(List.of(service("https://rekor.sigstage.dev", "2021-01-12T11:53:27Z", "sigstore.dev")), c.rekorTlogUrls());
    assertEquals(List.of(service("https://timestamp.sigstage.dev/api/v1/timestamp", "2025-04-09T00:00:00Z", "sigstore.dev")),
        c.tsaUrls());
    assertEquals(new ServiceConfiguration(Selector.ANY, 0), c.rekorTlogConfig());
    assertEquals(new ServiceConfiguration(Selector.ANY, 0), c.tsaConfig());
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(Optional.of("https://rekor.sigstage.dev"), ServiceSelection.rekor(c, now, WHAT));
    assertEquals(Optional.of("https://timestamp.sigstage.dev/api/v1/timestamp"), ServiceSelection.tsa(c, now, WHAT));
  }

  @Test
  void onlyTheMediaTypeIsRequired() {
    SigningConfig c = parse("{" + MT + "}");
    assertTrue(c.caUrls().isEmpty() && c.oidcUrls().isEmpty() && c.rekorTlogUrls().isEmpty() && c.tsaUrls().isEmpty());
    assertEquals(ServiceConfiguration.UNSET, c.rekorTlogConfig());
    assertEquals(ServiceConfiguration.UNSET, c.tsaConfig());
    // null = unset, as protojson reads it
    SigningConfig n = parse("{" + MT + ",\"rekorTlogUrls\":null,\"tsaConfig\":null}");
    assertTrue(n.rekorTlogUrls().isEmpty());
    assertEquals(ServiceConfiguration.UNSET, n.tsaConfig());
  }

  /** protojson also reads proto field names, enum numbers, uint32 as strings, offsets and fractions in times. */
  @Test
  void protobufJsonSpellings() {
    SigningConfig c = parse("{\"media_type\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
        + "\"rekor_tlog_urls\":[{\"url\":\"https://r\",\"major_api_version\":\"1\",\"valid_for\":{\"start\":\"2024-01-01T01:00:00.5+01:00\","
        + "\"end\":\"2030-01-01T00:00:00Z\"}}],"
        + "\"tsa_urls\":[{\"url\":\"https://t\",\"majorApiVersion\":1.0}],"
        + "\"rekor_tlog_config\":{\"selector\":3,\"count\":\"1\"},\"tsaConfig\":{\"selector\":\"ALL\"},"
        + "\"someFutureField\":{\"x\":[1,2]}}");
    Service r = c.rekorTlogUrls().get(0);
    assertEquals("https://r", r.url());
    assertEquals(1, r.majorApiVersion());
    assertEquals(Optional.of(Instant.parse("2024-01-01T00:00:00.5Z")), r.validFor().start());
    assertEquals(Optional.of(Instant.parse("2030-01-01T00:00:00Z")), r.validFor().end());
    assertEquals("", r.operator());
    assertEquals(ValidityPeriod.ALWAYS, c.tsaUrls().get(0).validFor());
    assertEquals(new ServiceConfiguration(Selector.EXACT, 1), c.rekorTlogConfig());
    assertEquals("EXACT:1", c.rekorTlogConfig().toString());
    assertEquals(new ServiceConfiguration(Selector.ALL, 0), c.tsaConfig());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{}|signing config cfg.json: unsupported mediaType (none), expected application/vnd.dev.sigstore.signingconfig.v0.2+json",
    "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}|"
        + "signing config cfg.json: unsupported mediaType \"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"",
    "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.1+json\"}|unsupported mediaType \"application/vnd.dev.sigstore.signingconfig.v0.1+json\"",
    "[]|signing config cfg.json: expected a JSON object",
    "{MT,\"rekorTlogUrls\":[{\"majorApiVersion\":1}]}|signing config cfg.json: rekorTlogUrls[0].url is missing",
    "{MT,\"tsaUrls\":[{\"url\":\"https://t\"},{\"url\":\"\"}]}|signing config cfg.json: tsaUrls[1].url is missing",
    "{MT,\"caUrls\":[{\"url\":7}]}|caUrls[0].url is not a string",
    "{MT,\"rekorTlogUrls\":[{\"url\":\"rekor.example\"}]}|rekorTlogUrls[0].url \"rekor.example\" is not an http(s):// URL",
    "{MT,\"tsaUrls\":[{\"url\":\"ftp://tsa.example/ts\"}]}|tsaUrls[0].url \"ftp://tsa.example/ts\" is not an http(s):// URL",
    "{MT,\"tsaUrls\":[{\"url\":\"https://tsa example\"}]}|tsaUrls[0].url \"https://tsa example\" is not an http(s):// URL",
    "{MT,\"oidcUrls\":{}}|oidcUrls is not a list",
    "{MT,\"rekorTlogUrls\":[\"https://r\"]}|rekorTlogUrls[0] is not an object",
    "{MT,\"rekorTlogUrls\":[{\"url\":\"https://u\",\"validFor\":{\"start\":\"yesterday\"}}]}|rekorTlogUrls[0].validFor.start \"yesterday\" is not an RFC 3339 time",
    "{MT,\"rekorTlogUrls\":[{\"url\":\"https://u\",\"validFor\":{\"start\":\"2024-01-01\"}}]}|rekorTlogUrls[0].validFor.start \"2024-01-01\" is not an RFC 3339 time",
    "{MT,\"tsaUrls\":[{\"url\":\"https://u\",\"validFor\":{\"end\":1700000000}}]}|tsaUrls[0].validFor.end 1700000000 is not an RFC 3339 time",
    "{MT,\"tsaUrls\":[{\"url\":\"https://u\",\"validFor\":{\"start\":\"2025-01-01T00:00:00Z\",\"end\":\"2024-01-01T00:00:00Z\"}}]}|"
        + "tsaUrls[0].validFor.end 2024-01-01T00:00:00Z is not after its start 2025-01-01T00:00:00Z",
    "{MT,\"tsaUrls\":[{\"url\":\"https://u\",\"validFor\":\"always\"}]}|tsaUrls[0].validFor is not an object",
    "{MT,\"rekorTlogUrls\":[{\"url\":\"https://u\",\"majorApiVersion\":-1}]}|rekorTlogUrls[0].majorApiVersion -1 is not an unsigned 32-bit integer",
    "{MT,\"rekorTlogUrls\":[{\"url\":\"https://u\",\"majorApiVersion\":\"two\"}]}|rekorTlogUrls[0].majorApiVersion \"two\" is not an unsigned 32-bit integer",
    "{MT,\"rekorTlogUrls\":[{\"url\":\"https://u\",\"majorApiVersion\":1.5}]}|rekorTlogUrls[0].majorApiVersion 1.5 is not an unsigned 32-bit integer",
    "{MT,\"rekorTlogUrls\":[{\"url\":\"https://u\",\"operator\":[]}]}|rekorTlogUrls[0].operator is not a string",
    "{MT,\"rekorTlogConfig\":{\"selector\":\"SOME\"}}|signing config cfg.json: rekorTlogConfig.selector \"SOME\" is not one of ANY, ALL, EXACT",
    "{MT,\"tsaConfig\":{\"selector\":\"any\"}}|tsaConfig.selector \"any\" is not one of ANY, ALL, EXACT",
    "{MT,\"tsaConfig\":{\"selector\":9}}|tsaConfig.selector 9 is not one of ANY, ALL, EXACT",
    "{MT,\"tsaConfig\":{\"selector\":\"EXACT\",\"count\":4294967296}}|tsaConfig.count 4294967296 is not an unsigned 32-bit integer",
    "{MT,\"tsaConfig\":[]}|tsaConfig is not an object",
    "{MT,|parsing signing config cfg.json: ",
    "''|signing config cfg.json is empty",
  })
  void errorsNameTheFileAndTheField(String json, String expected) {
    String message = error(json.replace("MT", MT));
    assertTrue(message.contains(expected), message);
    assertTrue(message.lines().count() == 1, message);
  }
}
