package dev.jcosign.cli;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.UserDeclinedException;
import dev.jcosign.core.spi.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The only class that writes to the user (style R6): machine output to stdout, everything human to
 * stderr (spec §1.1). Also reads stdin for prompts and piped passwords.
 */
public final class Console implements Progress {
  private PrintWriter out;
  private boolean redirected;
  private final PrintWriter err;
  private final InputStream in;
  private final boolean interactive;
  private BufferedReader lines;

  public Console(PrintWriter out, PrintWriter err, InputStream in, boolean interactive) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.interactive = interactive;
  }

  /**
   * {@code --output-file}: machine output goes to this file instead of stdout (spec §1.1); human
   * output stays on stderr.
   */
  public void redirectOut(java.nio.file.Path file) {
    try {
      out = new PrintWriter(java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
      redirected = true;
    } catch (java.io.IOException e) {
      throw new InvalidInputException("opening --output-file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Flushes stdout; a redirected {@code --output-file} is also closed. */
  void closeOut() {
    if (redirected) {
      out.close();
    } else {
      out.flush();
    }
  }

  /** Writes machine output to stdout exactly as given. */
  public void out(String s) {
    out.print(s);
    out.flush();
  }

  public void outBytes(byte[] b) {
    outBytes(java.nio.ByteBuffer.wrap(b));
  }

  /**
   * Writes UTF-8 bytes to stdout as {@code out(new String(bytes, UTF_8))} would (malformed input
   * replaced alike), a chunk at a time: a 27 MB envelope is not turned into a String and a char[]
   * (issue 4).
   */
  public void outBytes(java.nio.ByteBuffer bytes) {
    java.nio.ByteBuffer in = bytes.duplicate();
    java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
    java.nio.CharBuffer chunk = java.nio.CharBuffer.allocate(8192);
    boolean end = false;
    while (true) {
      java.nio.charset.CoderResult r = end ? dec.flush(chunk) : dec.decode(in, chunk, true);
      chunk.flip();
      out.write(chunk.array(), 0, chunk.limit());
      chunk.clear();
      if (r.isUnderflow()) {
        if (end) {
          break;
        }
        end = true;
      }
    }
    out.flush();
  }

  /** One human line on stderr. */
  @Override
  public void info(String line) {
    err.println(line);
    err.flush();
  }

  @Override
  public void warn(String line) {
    err.println("WARNING: " + line);
    err.flush();
  }

  public void error(String line) {
    err.println(line);
    err.flush();
  }

  public PrintWriter err() {
    return err;
  }

  /** Standard input as bytes, for commands that read a blob from {@code -}. */
  public InputStream stdin() {
    return in;
  }

  /** True when stdin is a terminal (we then prompt instead of reading stdin whole). */
  public boolean interactive() {
    return interactive;
  }

  @Override
  public void confirm(String question) {
    if (question != null && !question.isEmpty()) {
      err.println(question);
    }
    err.print("Are you sure you would like to continue? [y/N] ");
    err.flush();
    String answer = readLine();
    if (answer == null) {
      err.println(); // no answer typed (stdin at end): end the prompt line so the error stands on its own
    }
    String a = answer == null ? "" : answer.trim();
    if (a.equals("y") || a.equals("Y")) {
      return;
    }
    if (a.isEmpty() || a.equals("n") || a.equals("N")) {
      throw new UserDeclinedException("user declined the prompt");
    }
    throw new InvalidInputException("invalid input \"" + a + "\" (allowed values y, n)");
  }

  /** One line from stdin, or null at end of input. */
  public String readLine() {
    try {
      if (lines == null) {
        lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      return lines.readLine();
    } catch (IOException e) {
      throw new InvalidInputException("reading standard input: " + e.getMessage(), e);
    }
  }

  /** All of stdin up to {@code maxBytes} (a piped password, newline included, spec §1.2; a predicate). */
  public byte[] readStdin(long maxBytes, String where) {
    return dev.jcosign.core.io.SmallFiles.read(in, maxBytes, where);
  }

  /**
   * Reads a password from the terminal without echo; null when there is no terminal. When stdin is
   * a terminal but stdout is not (e.g. {@code public-key --key k > pub.pem}) Java has no Console, so
   * echo is switched off on {@code /dev/tty} with {@code stty} for the duration of the read.
   */
  public char[] readSecret(String prompt) {
    java.io.Console c = System.console();
    if (c != null) {
      return c.readPassword("%s", prompt);
    }
    java.io.File tty = new java.io.File("/dev/tty");
    if (!interactive || !tty.canRead()) {
      return null;
    }
    java.io.FileInputStream ttyIn;
    try {
      ttyIn = new java.io.FileInputStream(tty);
    } catch (IOException e) {
      return null; // no controlling terminal after all (CI, tests): the caller reads stdin
    }
    err.print(prompt);
    err.flush();
    boolean echoOff = stty(tty, "-echo");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(ttyIn, StandardCharsets.UTF_8))) {
      String line = r.readLine();
      return line == null ? new char[0] : line.toCharArray();
    } catch (IOException e) {
      throw new InvalidInputException("reading password from the terminal: " + e.getMessage(), e);
    } finally {
      if (echoOff) {
        stty(tty, "echo");
      }
      err.println();
      err.flush();
    }
  }

  private static boolean stty(java.io.File tty, String mode) {
    try {
      Process p = new ProcessBuilder("stty", mode).redirectInput(tty).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
