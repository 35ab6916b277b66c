package dev.jcosign.core.spi;

import dev.jcosign.core.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The value of {@code --key}: a file path, {@code env://VAR}, or a {@code scheme://...} URI of a KMS
 * or other provider (spec §1.3). The scheme picks the {@link SignerProvider}; plain paths have scheme
 * {@code file}.
 */
public record KeyRef(String scheme, String value) {
  private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+.-]*)://.*");

  public KeyRef {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException("key reference must not be empty");
    }
  }

  public static KeyRef parse(String s) {
    if (s == null || s.isEmpty()) {
      throw new InvalidInputException("key reference must not be empty");
    }
    var m = SCHEME.matcher(s);
    return m.matches() ? new KeyRef(m.group(1), s) : new KeyRef("file", s);
  }

  public boolean isFile() {
    return "file".equals(scheme);
  }

  @Override
  public String toString() {
    return value;
  }
}
