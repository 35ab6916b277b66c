/*
 * Copyright 2026 The jcosign Authors. SPDX-License-Identifier: Apache-2.0
 */

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the pre-Java-6 class files under a package prefix of a jar as Java 17 class files with
 * stack maps (the ClassFile API of Java 24+ regenerates them); every other entry is copied as is.
 *
 * <p>Why (issue 12, start-up): picocli ships Java 5 class files. Java 25's AOT cache (JEP 483) can
 * neither link nor archive such "old" classes, so every run loaded and verified picocli's ~170 classes
 * from the jar with the old type-inferring verifier, about half of the time {@code jcosign version}
 * spent in Java code. Rewritten, they go into the cache with the rest of the jar.
 *
 * <pre>java scripts/lib/ModernizeClassFiles.java IN.jar OUT.jar PREFIX/ [PREFIX/...]</pre>
 */
public final class ModernizeClassFiles {
  private static final int TARGET_MAJOR = 61; // Java 17: the oldest JVM jcosign runs on
  private static final int FIRST_WITH_STACK_MAPS = 50; // Java 6

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: ModernizeClassFiles IN.jar OUT.jar PREFIX/ [PREFIX/...]");
      System.exit(2);
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    // Stack maps need the common super class of two types: resolve JDK types first, then the jar's own.
    URLClassLoader jar = new URLClassLoader(new URL[] {in.toUri().toURL()}, null);
    ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
        ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(jar))));
    // Passing every method body through a builder is what makes the API compute new stack maps.
    ClassTransform modernize = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
        .andThen((builder, element) -> {
          if (element instanceof ClassFileVersion) {
            builder.withVersion(TARGET_MAJOR, 0);
          } else {
            builder.with(element);
          }
        });
    int rewritten = 0;
    try (InputStream fin = Files.newInputStream(in);
        ZipInputStream zin = new ZipInputStream(fin);
        OutputStream fout = Files.newOutputStream(out);
        ZipOutputStream zout = new ZipOutputStream(fout)) {
      for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
        byte[] bytes = zin.readAllBytes();
        if (!e.isDirectory() && e.getName().endsWith(".class") && matches(e.getName(), args)) {
          ClassModel model = cf.parse(bytes);
          if (model.majorVersion() < FIRST_WITH_STACK_MAPS) {
            bytes = cf.transformClass(model, modernize);
            rewritten++;
          }
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        zout.putNextEntry(copy);
        zout.write(bytes);
        zout.closeEntry();
      }
    }
    System.out.println(rewritten + " class files rewritten as Java " + (TARGET_MAJOR - 44));
  }

  private static boolean matches(String name, String[] args) {
    for (int i = 2; i < args.length; i++) {
      if (name.startsWith(args[i])) {
        return true;
      }
    }
    return false;
  }
}
