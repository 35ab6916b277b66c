package dev.jcosign.core.spi;

/** Human-facing notes from core to the user, written to stderr by the CLI (style R6). */
public interface Progress {

  /** An informational line. */
  void info(String line);

  /** A warning; the CLI prefixes it with {@code WARNING: } as cosign does. */
  void warn(String line);

  /**
   * Asks {@code Are you sure you would like to continue? [y/N]} after showing {@code question}; throws
   * {@code UserDeclinedException} on "no" (spec §1.2).
   */
  void confirm(String question);

  /** A sink that drops everything and declines every prompt; for callers with no user. */
  Progress SILENT =
      new Progress() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {}

        @Override
        public void confirm(String question) {
          throw new dev.jcosign.core.error.UserDeclinedException("user declined the prompt");
        }
      };
}
