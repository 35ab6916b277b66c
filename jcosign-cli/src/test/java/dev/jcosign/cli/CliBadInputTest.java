package dev.jcosign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jcosign.testing.CleanErrors;
import dev.jcosign.testing.CliRunner;
import dev.jcosign.testing.CliRunner.Result;
import dev.jcosign.testkit.FaultRegistry;
import dev.jcosign.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at the CLI edge of {@code sign} and {@code verify}: exit 1, one {@code Error:} line
 * naming the bad value, no stack trace, and the registry is not even contacted.
 */
class CliBadInputTest {
  static final String KEY_PASSWORD = "correct-key-password";

  @TempDir static Path home;
  static CliRunner cli;
  static FaultRegistry fr;
  static String ref;

  @BeforeAll
  static void setUp() throws IOException {
    cli = new CliRunner(home).with("COSIGN_PASSWORD", KEY_PASSWORD);
    assertEquals(0, cli.run("generate-key-pair", "--output-key-prefix", home.resolve("k").toString()).code());
    Files.writeString(home.resolve("junk.pem"), "this is not a key\n");
    Files.writeString(home.resolve("bad-base64.key"),
        "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nnot base64!!\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    Files.writeString(home.resolve("not-json.key"),
        "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\naGVsbG8=\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    Files.writeString(home.resolve("bad.pub"), "-----BEGIN PUBLIC KEY-----\naGVsbG8=\n-----END PUBLIC KEY-----\n");
    Files.createDirectories(home.resolve("a-directory"));
    fr = FaultRegistry.start();
    ref = fr.host() + "/bad/input@" + TestImages.push(fr, "bad/input", "v1", "bad input").manifestDigest();
  }

  @AfterAll
  static void stop() {
    fr.close();
  }

  @BeforeEach
  void forget() {
    fr.clearRequests();
  }

  static Stream<Arguments> badSignInput() {
    return Stream.of(
        arguments("malformed reference", List.of("--key", "{home}/k.key", "not a reference!"), "could not parse reference: not a reference!"),
        arguments("malformed digest", List.of("--key", "{home}/k.key", "x/y@sha256:abc"), "could not parse reference: x/y@sha256:abc"),
        arguments("unknown flag", List.of("--key", "{home}/k.key", "--bogus", "{ref}"), "Unknown option: '--bogus'"),
        arguments("no image", List.of("--key", "{home}/k.key"), "Missing required parameter: 'IMAGE'"),
        arguments("no key and no identity token (keyless)", List.of("--oidc-issuer", "http://127.0.0.1:1", "{ref}"), "no identity token for keyless signing"),
        arguments("missing key file", List.of("--key", "{home}/missing.key", "{ref}"), "{home}/missing.key: no such file"),
        arguments("key is a directory", List.of("--key", "{home}/a-directory", "{ref}"), "{home}/a-directory: is a directory"),
        arguments("public key for sign", List.of("--key", "{home}/k.pub", "{ref}"), "unsupported pem type: PUBLIC KEY"),
        arguments("not PEM", List.of("--key", "{home}/junk.pem", "{ref}"), "{home}/junk.pem: invalid pem"),
        arguments("PEM with bad base64", List.of("--key", "{home}/bad-base64.key", "{ref}"), "{home}/bad-base64.key: invalid pem"),
        arguments("PEM that is not a cosign key", List.of("--key", "{home}/not-json.key", "{ref}"), "invalid encrypted private key"),
        arguments("annotation without =", List.of("--key", "{home}/k.key", "-a", "novalue", "{ref}"), "unable to parse annotation: novalue"),
        arguments("annotation CSV rule", List.of("--key", "{home}/k.key", "-a", "k=a,b", "{ref}"), "unable to parse annotation: b"),
        arguments("--output-signature in a missing directory",
            List.of("--key", "{home}/k.key", "--output-signature", "{home}/no-such-dir/sig", "{ref}"), "writing {home}/no-such-dir/sig: directory {home}/no-such-dir does not exist"),
        arguments("--output-payload is a directory",
            List.of("--key", "{home}/k.key", "--output-payload", "{home}/a-directory", "{ref}"), "{home}/a-directory: is a directory"),
        arguments("unsupported key scheme", List.of("--key", "k8s://ns/x", "{ref}"), "\"k8s\" is not supported yet"));
  }

  @ParameterizedTest(name = "sign: {0}")
  @MethodSource("badSignInput")
  void badSignInput_oneLineAndNoRegistryTraffic(String name, List<String> args, String fragment) {
    Result r = run("sign", "--tlog-upload=false", args);
    CleanErrors.assertCleanFailure(r, 1, List.of(fill(fragment)), KEY_PASSWORD);
    assertEquals(List.of(), fr.requests(), "nothing was sent to the registry");
  }

  static Stream<Arguments> badVerifyInput() {
    return Stream.of(
        arguments("malformed reference", List.of("--key", "{home}/k.pub", "bad ref!"), "could not parse reference: bad ref!"),
        arguments("unknown flag", List.of("--key", "{home}/k.pub", "--bogus", "{ref}"), "Unknown option: '--bogus'"),
        arguments("-o yaml", List.of("--key", "{home}/k.pub", "-o", "yaml", "{ref}"), "unsupported output format \"yaml\""),
        arguments("md5", List.of("--key", "{home}/k.pub", "--signature-digest-algorithm", "md5", "{ref}"),
            "unsupported digest algorithm \"md5\""),
        arguments("no key and no identity", List.of("{ref}"), "--certificate-identity or --certificate-identity-regexp is required for verification in keyless mode"),
        arguments("missing key file", List.of("--key", "{home}/missing.pub", "{ref}"), "{home}/missing.pub: no such file"),
        arguments("key is a directory", List.of("--key", "{home}/a-directory", "{ref}"), "{home}/a-directory: is a directory"),
        arguments("private key for verify", List.of("--key", "{home}/k.key", "{ref}"), "(this is a private key; verification needs the .pub file)"),
        arguments("not PEM", List.of("--key", "{home}/junk.pem", "{ref}"), "{home}/junk.pem: invalid pem"),
        arguments("PUBLIC KEY block that is not a key", List.of("--key", "{home}/bad.pub", "{ref}"), "{home}/bad.pub: parsing public key"),
        arguments("--max-workers 0", List.of("--key", "{home}/k.pub", "--max-workers", "0", "{ref}", "{ref}"),
            "--max-workers must be at least 1, got 0"),
        arguments("--max-workers -3", List.of("--key", "{home}/k.pub", "--max-workers", "-3", "{ref}"),
            "--max-workers must be at least 1, got -3"),
        arguments("--max-workers x", List.of("--key", "{home}/k.pub", "--max-workers", "x", "{ref}"),
            "Invalid value for option '--max-workers': 'x' is not an int"),
        arguments("annotation without =", List.of("--key", "{home}/k.pub", "-a", "novalue", "{ref}"), "unable to parse annotation: novalue"));
  }

  @ParameterizedTest(name = "verify: {0}")
  @MethodSource("badVerifyInput")
  void badVerifyInput_oneLineAndNoRegistryTraffic(String name, List<String> args, String fragment) {
    Result r = run("verify", "--insecure-ignore-tlog", args);
    CleanErrors.assertCleanFailure(r, 1, List.of(fill(fragment)));
    assertEquals("", r.out());
    assertEquals(List.of(), fr.requests(), "nothing was sent to the registry");
  }

  @Test
  void wrongPassword_nothingPushed_passwordNotShown() {
    Result r = cli.with("COSIGN_PASSWORD", "not-the-password").run("sign", "--key", fill("{home}/k.key"), "--tlog-upload=false", ref);
    CleanErrors.assertCleanFailure(r, 1, List.of("wrong password"), "not-the-password", KEY_PASSWORD);
    assertEquals(List.of(), fr.requests());
  }

  @Test
  void badAttachmentSizeSetting_isNamed() {
    for (String v : List.of("lots", "0", "-5")) {
      Result r = cli.with("COSIGN_MAX_ATTACHMENT_SIZE", v).run("verify", "--key", fill("{home}/k.pub"), "--insecure-ignore-tlog", ref);
      String line = CleanErrors.assertCleanFailure(r, 1, List.of("COSIGN_MAX_ATTACHMENT_SIZE"));
      assertTrue(line.contains(v), line);
    }
  }

  private static Result run(String command, String extra, List<String> args) {
    String[] all = Stream.concat(Stream.of(command, extra), args.stream().map(CliBadInputTest::fill)).toArray(String[]::new);
    return cli.run(all);
  }

  private static String fill(String s) {
    return s.replace("{home}", home.toString()).replace("{ref}", ref);
  }
}
