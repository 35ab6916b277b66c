package dev.jcosign.core.keys;

import dev.jcosign.core.error.KeyException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reading and writing key files safely: size caps, clear errors, private keys never readable by others. */
public final class KeyFiles {
  /** Owner read/write: private keys, and what cosign writes 0600 (spec §2.4, public-key --outfile). */
  public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  /** World-readable public keys (spec §2.2). */
  public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
  /** Key files are a few KiB; anything larger is not a key (and must not be read into memory whole). */
  static final long MAX_SIZE = dev.jcosign.core.io.SmallFiles.KEY_OR_CERTIFICATE;

  private KeyFiles() {}

  /** Reads a key file; {@code what} names it in errors ("key file", "public key"). */
  public static byte[] read(Path path, String what) {
    return dev.jcosign.core.io.SmallFiles.read(path, MAX_SIZE, "reading " + what + " " + path, KeyException::new);
  }

  /**
   * Writes {@code bytes} to {@code path} with exactly {@code perms}: the content goes to a temporary
   * file in the same directory, created with those permissions (so a private key is never readable
   * by others, not even briefly), then renamed over {@code path}. Unlike Go's {@code os.WriteFile},
   * an existing file's looser mode is not kept.
   */
  public static void write(Path path, byte[] bytes, Set<PosixFilePermission> perms) {
    String where = "writing " + path;
    if (Files.isDirectory(path)) {
      throw new KeyException(where + ": is a directory");
    }
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = createTemp(dir, path.getFileName().toString());
      Files.write(tmp, bytes);
      try {
        Files.setPosixFilePermissions(tmp, perms);
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system (Windows): nothing finer to set
      }
      try {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (NoSuchFileException e) {
      throw new KeyException(where + ": directory " + dir + " does not exist");
    } catch (AccessDeniedException e) {
      throw new KeyException(where + ": permission denied");
    } catch (IOException e) {
      throw new KeyException(where + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file holds only what we failed to write
        }
      }
    }
  }

  /**
   * Fails now, with the message {@link #write} would give, when {@code path} cannot be written: an
   * output file's mistake is reported before anything is sent to a registry or a log.
   */
  public static void checkWritable(Path path) {
    String where = "writing " + path;
    if (Files.isDirectory(path)) {
      throw new KeyException(where + ": is a directory");
    }
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new KeyException(where + ": directory " + dir + " does not exist");
    }
  }

  private static Path createTemp(Path dir, String name) throws IOException {
    String prefix = "." + name + ".";
    try {
      return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(dir, prefix, ".tmp");
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot create a temporary file in " + dir, e);
    }
  }
}
