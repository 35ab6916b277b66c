package dev.jcosign.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the public API speaks JDK types and jcosign's own; no picocli, Jackson or SDK type leaks into
 * a signature, and every public type says since when it exists.
 */
class ApiSurfaceTest {
  static final List<Class<?>> PUBLIC = List.of(Cosign.class, CosignBuilder.class, SignedImage.class, ImageVerification.class,
      BlobSignature.class);

  @Test
  void signaturesUseOnlyJdkAndJcosignTypes() {
    List<String> bad = new ArrayList<>();
    for (Class<?> c : PUBLIC) {
      List<Executable> members = new ArrayList<>(List.of(c.getMethods()));
      members.addAll(List.of(c.getConstructors()));
      for (Executable m : members) {
        if (!Modifier.isPublic(m.getModifiers()) || m.getDeclaringClass() == Object.class || m.getDeclaringClass() == Record.class) {
          continue;
        }
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        if (m instanceof Method method) {
          types.add(method.getGenericReturnType());
        }
        for (Type t : types) {
          check(t, c.getSimpleName() + "." + m.getName(), bad);
        }
      }
      if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) {
          check(rc.getGenericType(), c.getSimpleName() + "." + rc.getName(), bad);
        }
      }
    }
    assertTrue(bad.isEmpty(), "foreign types in the API: " + bad);
  }

  private static void check(Type t, String where, List<String> bad) {
    if (t instanceof ParameterizedType p) {
      check(p.getRawType(), where, bad);
      for (Type a : p.getActualTypeArguments()) {
        check(a, where, bad);
      }
      return;
    }
    if (t instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      String n = c.getName();
      if (!c.isPrimitive() && !n.startsWith("java.") && !n.startsWith("dev.jcosign.")) {
        bad.add(where + ": " + n);
      }
    }
  }

  @Test
  void theEntryPointIsBuilderStyle() throws NoSuchMethodException {
    assertTrue(Modifier.isStatic(Cosign.class.getMethod("builder").getModifiers()));
    for (Constructor<?> c : Cosign.class.getConstructors()) {
      throw new AssertionError("Cosign has a public constructor: " + c);
    }
  }
}
