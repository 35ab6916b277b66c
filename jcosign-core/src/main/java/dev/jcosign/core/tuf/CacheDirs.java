package dev.jcosign.core.tuf;

import dev.jcosign.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directory plumbing of the TUF cache: a private staging directory next to the cache (same file
 * system, so the swap is two renames) and the swap itself, which keeps the old cache until the new
 * one is in place.
 */
final class CacheDirs {
  private CacheDirs() {}

  /** An empty {@code 0700} directory beside {@code dir} (cosign creates the cache {@code 0700}). */
  static Path createSibling(Path dir, String infix) {
    Path parent = dir.getParent();
    try {
      Files.createDirectories(parent);
      Path p = Files.createTempDirectory(parent, "." + dir.getFileName() + infix);
      ownerOnly(p);
      return p;
    } catch (IOException e) {
      throw new InvalidInputException("creating TUF cache next to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code dir} and its missing parents, each {@code 0700} as cosign creates its cache
   * directories; an existing directory is left as it is.
   */
  static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(dir);
      ownerOnly(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e; // a file is in the way
      }
    }
  }

  /** {@code 0700} for directories, {@code 0600} for files, where the file system has POSIX modes. */
  static void ownerOnly(Path p) throws IOException {
    if (!Files.getFileStore(p).supportsFileAttributeView("posix")) {
      return;
    }
    Set<PosixFilePermission> perms = PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------");
    Files.setPosixFilePermissions(p, perms);
  }

  /**
   * Puts {@code staged} where {@code dir} is: the old {@code dir} is first renamed aside, then restored
   * if the second rename fails, and deleted only once {@code staged} is in place.
   */
  static void replace(Path dir, Path staged) throws IOException {
    Path old = null;
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      old = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".old-");
      Files.delete(old); // only the unique name is wanted: the rename target must not exist
      move(dir, old);
    }
    try {
      move(staged, dir);
    } catch (IOException e) {
      if (old != null) {
        move(old, dir);
      }
      throw e;
    }
    if (old != null) {
      deleteQuietly(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Removes a tree, ignoring what cannot be removed (a stale staging directory is harmless). */
  static void deleteQuietly(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }
}
