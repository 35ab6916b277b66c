package dev.jcosign.core.policy;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.oci.ImageReference;
import java.util.regex.Pattern;

/**
 * A {@code spec.images[].glob} of a ClusterImagePolicy, matched as policy-controller matches it (issue 14):
 * {@code *} is any run of characters but {@code /}, {@code **} any run at all, the rest literal; the glob
 * covers the whole fully-qualified name ({@code index.docker.io/library/ubuntu:latest}); a bare {@code *}
 * means {@code index.docker.io/library/*} and {@code *}{@code /*} means {@code index.docker.io/*}{@code /*};
 * an image given without its registry is also tried as written (policy-controller's deprecated fallback).
 */
public record ImageGlob(String glob, Pattern regex) {
  private static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9\\-_:/*.@]+$");

  public static ImageGlob compile(String glob) {
    String g = glob == null ? "" : glob;
    if (g.equals("*/*")) {
      g = "index.docker.io/*/*";
    } else if (g.equals("*")) {
      g = "index.docker.io/library/*";
    }
    if (!VALID.matcher(g).matches()) {
      throw new InvalidInputException("invalid glob \"" + glob + "\"");
    }
    StringBuilder re = new StringBuilder("^");
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new ImageGlob(glob, Pattern.compile(re.append('$').toString()));
  }

  /** Whether {@code image} (as the user wrote it) is covered; an unparseable image is an error. */
  public boolean matches(String image) {
    String full = ImageReference.parse(image).name();
    return regex.matcher(full).matches() || (!full.equals(image) && regex.matcher(image).matches());
  }
}
