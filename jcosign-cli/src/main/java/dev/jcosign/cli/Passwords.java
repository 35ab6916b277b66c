package dev.jcosign.cli;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.spi.PasswordSource;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key passwords in cosign's order (spec §1.2): {@code COSIGN_PASSWORD} when set (even empty), else a
 * no-echo terminal prompt, else all of stdin verbatim (a trailing newline is part of the password).
 */
public final class Passwords implements PasswordSource {
  static final String PROMPT = "Enter password for private key: ";
  static final String PROMPT_AGAIN = "Enter password for private key again: ";

  private final Env env;
  private final Console console;

  public Passwords(Env env, Console console) {
    this.env = env;
    this.console = console;
  }

  @Override
  public char[] password(boolean confirm) {
    var fromEnv = env.get(Env.COSIGN_PASSWORD);
    if (fromEnv.isPresent()) {
      return fromEnv.get().toCharArray();
    }
    if (console.interactive()) {
      char[] first = prompt(PROMPT);
      if (!confirm) {
        return first;
      }
      char[] second = prompt(PROMPT_AGAIN);
      try {
        if (!Arrays.equals(first, second)) {
          Arrays.fill(first, '\0');
          throw new InvalidInputException("passwords do not match");
        }
      } finally {
        Arrays.fill(second, '\0');
      }
      return first;
    }
    byte[] all = console.readStdin(dev.jcosign.core.io.SmallFiles.KEY_OR_CERTIFICATE, "reading the password from standard input");
    try {
      CharBuffer cb = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(all));
      char[] pw = Arrays.copyOfRange(cb.array(), cb.position(), cb.limit());
      Arrays.fill(cb.array(), '\0');
      return pw;
    } finally {
      Arrays.fill(all, (byte) 0);
    }
  }

  private char[] prompt(String text) {
    char[] pw = console.readSecret(text);
    if (pw != null) {
      return pw;
    }
    // no terminal to switch echo off on: read one line rather than fail
    console.err().print(text);
    console.err().flush();
    String line = console.readLine();
    return line == null ? new char[0] : line.toCharArray();
  }
}
