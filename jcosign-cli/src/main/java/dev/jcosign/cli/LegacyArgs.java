package dev.jcosign.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * cosign rewrites old flag spellings before parsing (spec §1.1): {@code -key} becomes {@code --key}
 * with a deprecation warning, {@code --x} (one letter) becomes {@code -x}, {@code -version} becomes
 * the {@code version} sub-command.
 */
final class LegacyArgs {
  private LegacyArgs() {}

  static String[] rewrite(String[] args, Console console) {
    List<String> out = new ArrayList<>(args.length);
    boolean afterDoubleDash = false;
    for (String a : args) {
      if (afterDoubleDash || !a.startsWith("-") || a.equals("-") || a.equals("--")) {
        afterDoubleDash |= a.equals("--");
        out.add(a);
        continue;
      }
      if (a.equals("-version")) {
        out.add("version");
        continue;
      }
      String name = a;
      String value = "";
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq);
      }
      if (name.startsWith("--") && name.length() == 3) {
        out.add("-" + name.substring(2) + value);
      } else if (!name.startsWith("--") && name.length() > 2) {
        console.warn("the " + name + " flag is deprecated and will be removed in a future release. Please use the -" + name + " flag instead.");
        out.add("-" + a);
      } else {
        out.add(a);
      }
    }
    return out.toArray(String[]::new);
  }
}
