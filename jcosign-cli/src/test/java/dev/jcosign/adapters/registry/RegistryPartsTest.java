package dev.jcosign.adapters.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.RegistryException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Sizes, challenges, schemes, scopes and error formatting. */
class RegistryPartsTest {

  @ParameterizedTest
  @CsvSource({
      "5120, 5120", "20K, 20000", "20k, 20000", "3M, 3000000", "45MiB, 47185920", "1GB, 1000000000",
      "128MiB, 134217728", "1.5KiB, 1536", "10 KB, 10000", "'1,024', 1024", "7b, 7", "2Ki, 2048", "1TB, 1000000000000"})
  void byteSizes_likeGoHumanize(String in, long expected) {
    assertEquals(expected, ByteSizes.parse(in));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "12XB", "-5", "1e3", "99999999EiB"})
  void byteSizes_rejectsGarbage_namingTheValue(String in) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ByteSizes.parse(in));
    assertTrue(e.getMessage().startsWith("invalid size \"" + in + "\""), e.getMessage());
  }

  @Test
  void challenge_bearerWithQuotedParams() {
    List<Challenge> cs = Challenge.parse(
        "Bearer realm=\"http://127.0.0.1:5003/token\",service=\"test-registry\",scope=\"repository:test/hello:pull,push\",error=\"insufficient_scope\"");
    assertEquals(1, cs.size());
    Challenge c = cs.get(0);
    assertTrue(c.isBearer());
    assertEquals("http://127.0.0.1:5003/token", c.param("realm").orElseThrow());
    assertEquals("test-registry", c.param("service").orElseThrow());
    assertEquals("repository:test/hello:pull,push", c.param("scope").orElseThrow());
  }

  @Test
  void challenge_basic_unquoted_andSeveral() {
    assertEquals(Map.of("realm", "test-realm"), Challenge.parse("Basic realm=test-realm").get(0).params());
    List<Challenge> two = Challenge.parse("Basic realm=\"a\", Bearer realm=\"https://auth/x\", service=\"s\"");
    assertEquals(List.of("basic", "bearer"), two.stream().map(Challenge::scheme).toList());
    assertEquals("s", two.get(1).param("service").orElseThrow());
    assertEquals("bearer", Challenge.select(List.of("Basic realm=\"a\"", "BEARER realm=\"b\"")).orElseThrow().scheme());
    assertTrue(Challenge.select(List.of()).isEmpty());
    assertEquals("a\"b", Challenge.parse("Basic realm=\"a\\\"b\"").get(0).param("realm").orElseThrow());
    Challenge.parse("=,,\"\"=x"); // junk terminates
  }

  @ParameterizedTest
  @CsvSource({
      "localhost, true", "localhost:5000, true", "reg.localhost:5000, true", "127.0.0.1:5000, true", "127.8.9.10, true",
      "10.1.2.3:443, true", "172.16.0.1, true", "172.31.255.255:80, true", "172.32.0.1, false", "192.168.1.1:5000, true",
      "192.169.1.1, false", "'[::1]:5000', true", "index.docker.io, false", "ghcr.io, false", "localhost.example.com, false",
      "11.0.0.1, false", "1270.0.0.1, false"})
  void schemes_localRegistriesMayUseHttp(String registry, boolean local) {
    assertEquals(local, Schemes.isLocal(registry));
    assertEquals(local ? List.of("http", "https") : List.of("https"), Schemes.candidates(registry, false));
  }

  @Test
  void schemes_allowHttp_fallsBackFromHttps() {
    assertEquals(List.of("https", "http"), Schemes.candidates("registry.example.com:5000", true));
  }

  @Test
  void scope_unionAndKey() {
    dev.jcosign.core.oci.Repository a = dev.jcosign.core.oci.Repository.parse("reg.io/a/b");
    dev.jcosign.core.oci.Repository c = dev.jcosign.core.oci.Repository.parse("reg.io/c");
    Scope s = Scope.push(a).plus(Scope.pull(c)).plus("repository:a/b:pull,push");
    assertEquals(List.of("repository:a/b:pull,push", "repository:c:pull"), s.entries());
    assertEquals(Scope.pull(c).plus(Scope.push(a)).key(), s.key());
    assertEquals(List.of("repository:a/b:delete"), Scope.delete(a).entries());
  }

  @Test
  void redact_keepsHarmlessQueryValuesOnly() {
    assertEquals("http://127.0.0.1:5000/v2/x/blobs/uploads/u?_state=REDACTED&digest=sha256:ab",
        RegistryErrors.redact(URI.create("http://127.0.0.1:5000/v2/x/blobs/uploads/u?_state=abc.def%3D&digest=sha256:ab")));
    assertEquals("https://auth.example/token?service=s&scope=repository:a:pull&access_token=REDACTED",
        RegistryErrors.redact(URI.create("https://auth.example/token?service=s&scope=repository:a:pull&access_token=xyz")));
    assertEquals("https://user@host/v2/", RegistryErrors.redact(URI.create("https://user@host/v2/")).replace("user@", "user@"));
  }

  @Test
  void errors_distributionBody_plainText_andEmpty() {
    URI u = URI.create("http://127.0.0.1:5000/v2/test/hello/manifests/v1");
    RegistryException e = RegistryErrors.fromResponse("GET", u, 401,
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":[{\"Type\":\"repository\"}]}]}\n"
            .getBytes(StandardCharsets.UTF_8));
    assertEquals("GET http://127.0.0.1:5000/v2/test/hello/manifests/v1: 401 UNAUTHORIZED: authentication required", e.getMessage());
    assertEquals("UNAUTHORIZED", e.code());

    RegistryException two = RegistryErrors.fromResponse("PUT", u, 400,
        "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"},{\"code\":\"MANIFEST_INVALID\",\"message\":\"\"}]}"
            .getBytes(StandardCharsets.UTF_8));
    assertEquals("PUT http://127.0.0.1:5000/v2/test/hello/manifests/v1: 400 MANIFEST_BLOB_UNKNOWN: blob unknown to registry; MANIFEST_INVALID",
        two.getMessage());

    RegistryException text = RegistryErrors.fromResponse("GET", u, 404, "404 page not found\nmore\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("GET http://127.0.0.1:5000/v2/test/hello/manifests/v1: 404 Not Found: 404 page not found", text.getMessage());
    assertEquals("", text.code());
    assertTrue(text.isNotFound());

    assertEquals("GET http://127.0.0.1:5000/v2/test/hello/manifests/v1: 502 Bad Gateway",
        RegistryErrors.fromResponse("GET", u, 502, new byte[0]).getMessage());
    assertEquals("GET http://127.0.0.1:5000/v2/test/hello/manifests/v1: 418",
        RegistryErrors.fromResponse("GET", u, 418, new byte[0]).getMessage());
  }

  @Test
  void retryAfter_secondsOrHttpDate() {
    assertEquals(java.util.Optional.of(java.time.Duration.ofSeconds(3)), HttpSender.retryAfter(response("Retry-After", "3")));
    assertEquals(java.util.Optional.of(java.time.Duration.ZERO), HttpSender.retryAfter(response("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")));
    assertTrue(HttpSender.retryAfter(response("Retry-After", "soon")).isEmpty());
    assertTrue(HttpSender.retryAfter(response("X-Other", "1")).isEmpty());
  }

  private static Exchange.Response response(String header, String value) {
    return new Exchange.Response(429, java.net.http.HttpHeaders.of(Map.of(header, List.of(value)), (a, b) -> true), new byte[0],
        URI.create("http://x/"));
  }

  @Test
  void config_defaults_andSecretsHiddenInToString() {
    RegistryConfig c = RegistryConfig.defaults();
    assertEquals(4L * 1024 * 1024, c.maxManifestBytes());
    assertEquals(128L * 1024 * 1024, c.maxBlobBytes());
    assertEquals(3, c.maxAttempts());
    assertEquals("jcosign/devel", c.userAgent());
    RegistryConfig s = RegistryConfig.builder().basicAuth("me", "hunter2").bearerToken("tok-secret").build();
    assertFalse(s.toString().contains("hunter2"));
    assertFalse(s.toString().contains("tok-secret"));
    assertEquals("", RegistryConfig.builder().basicAuth("me", null).build().password());
    assertFalse(Credential.basic("u", "p").toString().contains("p]"));
    assertThrows(InvalidInputException.class, () -> RegistryConfig.builder().clientCertificate(java.nio.file.Path.of("x"), null).build());
  }
}
