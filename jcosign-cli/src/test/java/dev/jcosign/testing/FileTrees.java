package dev.jcosign.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Snapshots of directory trees, to show that a failed command left a cache byte-for-byte as it was. */
public final class FileTrees {
  private FileTrees() {}

  /** Every regular file under {@code root}, by relative path, with the SHA-256 of its bytes. */
  public static Map<String, String> digests(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(p).toString(), sha256Hex(Files.readAllBytes(p)));
      }
    }
    return m;
  }

  /** Lower-case hex SHA-256. */
  public static String sha256Hex(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
