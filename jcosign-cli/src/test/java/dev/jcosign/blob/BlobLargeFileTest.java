package dev.jcosign.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MiB blob signs and verifies in a child JVM whose heap (-Xmx96m) is smaller than the blob:
 * proof, without timing, that the blob is streamed and never held in memory (issue 3 benchmark).
 */
@Tag("e2e")
class BlobLargeFileTest {
  @TempDir Path dir;

  private Result jcosign(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx96m", "-cp", System.getProperty("java.class.path"), "dev.jcosign.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().clear();
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("COSIGN_PASSWORD", BlobFixture.PASSWORD);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child jcosign timed out");
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  record Result(int code, String out, String err) {}

  @Test
  void a128MebibyteBlobWithA96MebibyteHeap() throws Exception {
    Path prefix = BlobFixture.importKey(BlobFixture.cli(dir), dir, "ec-p256_pkcs8");
    Path big = dir.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(128L << 20);
      f.seek(64L << 20);
      f.write("a marker in the middle".getBytes(StandardCharsets.UTF_8));
    }
    Path bundle = dir.resolve("big.sigstore.json");
    Result s = jcosign("sign-blob", "--key", BlobFixture.key(prefix), "--tlog-upload=false", "--new-bundle-format",
        "--bundle", bundle.toString(), big.toString());
    assertEquals(0, s.code(), s.err());
    Result v = jcosign("verify-blob", "--key", BlobFixture.pub(prefix), "--insecure-ignore-tlog", "--bundle", bundle.toString(),
        big.toString());
    assertEquals(0, v.code(), v.err());
    assertTrue(v.err().endsWith("Verified OK\n"), v.err());
    Files.delete(big);
  }
}
