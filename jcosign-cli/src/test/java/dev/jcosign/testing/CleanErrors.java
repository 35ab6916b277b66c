package dev.jcosign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.testing.CliRunner.Result;
import java.util.List;

/**
 * The project's error standard as assertions: a failed command exits with the expected code and
 * prints exactly one {@code Error: ...} line on stderr, no stack frames and no secrets.
 */
public final class CleanErrors {
  private CleanErrors() {}

  /**
   * Asserts exit {@code code}, one {@code Error: } line containing every fragment, no {@code \tat }
   * frames or exception class names, and none of the {@code secrets}; returns the error line.
   */
  public static String assertCleanFailure(Result r, int code, List<String> fragments, String... secrets) {
    assertEquals(code, r.code(), r.describe());
    List<String> errors = r.err().lines().filter(l -> l.startsWith("Error: ")).toList();
    assertEquals(1, errors.size(), "exactly one Error: line\n" + r.describe());
    String line = errors.get(0);
    for (String f : fragments) {
      assertTrue(line.contains(f), "error line should contain \"" + f + "\"\n" + r.describe());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace without --verbose\n" + r.describe());
    assertFalse(r.err().matches("(?s).*\\b[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(Exception|Error)\\b.*"),
        "no Java exception class names\n" + r.describe());
    for (String s : secrets) {
      assertFalse(r.err().contains(s), "stderr must not show \"" + s + "\"\n" + r.describe());
      assertFalse(r.out().contains(s), "stdout must not show \"" + s + "\"\n" + r.describe());
    }
    return line;
  }
}
