package dev.jcosign.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.json.Json;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sign-blob then verify-blob with file keys of every type, in the three output formats (spec §7). */
class BlobRoundTripTest {
  @TempDir static Path dir;
  static CliRunner cli;
  static Path blob;

  @BeforeAll
  static void setUp() throws IOException {
    cli = BlobFixture.cli(dir);
    blob = Files.writeString(dir.resolve("blob.txt"), "hello blob\n");
  }

  private static Result ok(Result r) {
    assertEquals(0, r.code(), r.describe());
    return r;
  }

  private static Result verify(String pub, String... more) {
    List<String> args = new ArrayList<>(List.of("verify-blob", "--key", pub, "--insecure-ignore-tlog"));
    args.addAll(List.of(more));
    Result v = ok(cli.run(args.toArray(String[]::new)));
    assertEquals("", v.out());
    assertTrue(v.err().endsWith("Verified OK\n"), v.describe());
    return v;
  }

  /** name, the hash a v3 sign uses (legacy verification must be told it unless sha256). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"ec-p256_pkcs8,sha256", "ec-p384_sec1,sha384", "ec-p521_sec1,sha512", "rsa2048_pkcs1,sha256", "ed25519_pkcs8,sha256"})
  void allThreeFormats(String name, String hash) throws IOException {
    Path prefix = BlobFixture.importKey(cli, dir, name);
    String key = BlobFixture.key(prefix);
    String pub = BlobFixture.pub(prefix);

    // 1. legacy: base64 signature + newline on stdout
    Result s = ok(cli.run("sign-blob", "--key", key, "--tlog-upload=false", blob.toString()));
    assertTrue(s.out().matches("[A-Za-z0-9+/=]+\n"), s.describe());
    assertTrue(s.err().contains("Using payload from: " + blob), s.describe());
    String sig = s.out().strip();
    verify(pub, "--signature", sig, "--signature-digest-algorithm", hash, blob.toString());

    // --output-signature, base64 and raw; file is 0600
    Path sigFile = dir.resolve(name + ".sig");
    Result o = ok(cli.run("sign-blob", "--key", key, "--tlog-upload=false", "--output-signature", sigFile.toString(), blob.toString()));
    assertEquals("", o.out());
    assertTrue(o.err().contains("Wrote signature to file " + sigFile), o.describe());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sigFile)));
    verify(pub, "--signature", sigFile.toString(), "--signature-digest-algorithm", hash, blob.toString());
    Path raw = dir.resolve(name + ".raw");
    ok(cli.run("sign-blob", "--key", key, "--tlog-upload=false", "--b64=false", "--output-signature", raw.toString(), blob.toString()));
    verify(pub, "--signature", raw.toString(), "--signature-digest-algorithm", hash, blob.toString());

    // 2. legacy bundle JSON: {"base64Signature","cert"=b64(PEM public key)}
    Path legacy = dir.resolve(name + ".legacy.json");
    Result lb = ok(cli.run("sign-blob", "--key", key, "--tlog-upload=false", "--bundle", legacy.toString(), blob.toString()));
    assertTrue(lb.err().contains("Wrote bundle to file " + legacy), lb.describe());
    JsonNode lj = Json.parse(Files.readAllBytes(legacy), "legacy");
    assertEquals(List.of("base64Signature", "cert"), fieldNames(lj));
    assertEquals(Files.readString(Path.of(pub)), new String(Base64.getDecoder().decode(lj.get("cert").asText()), StandardCharsets.UTF_8));
    verify(pub, "--bundle", legacy.toString(), "--signature-digest-algorithm", hash, blob.toString());

    // 3. Sigstore bundle v0.3: nothing on stdout, the hash follows the key
    Path bundle = dir.resolve(name + ".sigstore.json");
    Result nb = ok(cli.run("sign-blob", "--key", key, "--tlog-upload=false", "--new-bundle-format", "--bundle", bundle.toString(), blob.toString()));
    assertEquals("", nb.out());
    assertTrue(nb.err().contains("Wrote bundle to file " + bundle), nb.describe());
    JsonNode bj = Json.parse(Files.readAllBytes(bundle), "bundle");
    assertEquals("application/vnd.dev.sigstore.bundle.v0.3+json", bj.get("mediaType").asText());
    assertEquals(List.of("mediaType", "verificationMaterial", "messageSignature"), fieldNames(bj));
    verify(pub, "--bundle", bundle.toString(), blob.toString());
    verify(pub, "--signature", bundle.toString(), blob.toString()); // a bundle given as --signature is recognised
    // stdin
    ok(cli.runWithStdin("hello blob\n", "verify-blob", "--key", pub, "--insecure-ignore-tlog", "--bundle", bundle.toString(), "-"));
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
