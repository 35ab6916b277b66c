package dev.jcosign.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.RegistryException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.oci.Repository;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Registry credentials from a Docker {@code config.json}, like the docker CLI and cosign's default
 * keychain (spec §1.3 REG): {@code credHelpers} for the registry, else {@code credsStore}, else the
 * {@code auths} entry ({@code auth} = base64 user:pass, or {@code username}/{@code password},
 * {@code identitytoken}, {@code registrytoken}). Docker Hub is known under several names.
 * A missing helper or "credentials not found" means anonymous.
 */
final class DockerConfigKeychain {
  static final String HUB_AUTH_KEY = "https://index.docker.io/v1/";
  private static final List<String> HUB_NAMES = List.of("index.docker.io", "docker.io", "registry-1.docker.io");
  private static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;
  private static final int MAX_HELPER_OUTPUT = 64 * 1024;

  private final Path configFile;
  private final Map<String, String> environment;
  private final Duration helperTimeout;
  private final Map<String, Credential> cache = new ConcurrentHashMap<>();
  private JsonNode config;

  /** {@code configDir} null disables the keychain (every registry is anonymous). */
  DockerConfigKeychain(Path configDir, Map<String, String> environment, Duration helperTimeout) {
    // a directory holds config.json; a file is podman's auth.json, the same format (issue 11)
    this.configFile = configDir == null ? null : Files.isRegularFile(configDir) ? configDir : configDir.resolve("config.json");
    this.environment = Map.copyOf(environment);
    this.helperTimeout = helperTimeout;
  }

  /** Credentials for {@code registry} (host[:port]); {@link Credential#ANONYMOUS} when none. */
  Credential resolve(String registry) {
    return cache.computeIfAbsent(registry, this::lookup);
  }

  private Credential lookup(String registry) {
    JsonNode cfg = config();
    if (cfg == null) {
      return Credential.ANONYMOUS;
    }
    List<String> names = hostNames(registry);
    JsonNode helpers = cfg.path("credHelpers");
    for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (names.contains(hostOf(e.getKey())) && e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
        return runHelper(e.getValue().asText(), registry);
      }
    }
    String store = cfg.path("credsStore").asText("");
    if (!store.isBlank()) {
      return runHelper(store, registry);
    }
    JsonNode auths = cfg.path("auths");
    JsonNode entry = auths.get(isHub(registry) ? HUB_AUTH_KEY : registry);
    if (entry == null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext() && entry == null; ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (names.contains(hostOf(e.getKey()))) {
          entry = e.getValue();
        }
      }
    }
    return entry == null ? Credential.ANONYMOUS : fromAuthEntry(entry, registry);
  }

  private synchronized JsonNode config() {
    if (config == null && configFile != null && Files.isRegularFile(configFile)) {
      config = Json.parse(dev.jcosign.core.io.SmallFiles.read(configFile, MAX_CONFIG_BYTES, "reading docker config " + configFile),
          "docker config " + configFile);
    }
    return config;
  }

  private Credential fromAuthEntry(JsonNode entry, String registry) {
    String user = text(entry, "username");
    String pass = text(entry, "password");
    String auth = text(entry, "auth");
    if (auth != null && !auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("docker config " + configFile + ": invalid base64 \"auth\" for " + registry);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new InvalidInputException("docker config " + configFile + ": \"auth\" for " + registry + " is not user:password");
      }
      user = decoded.substring(0, colon);
      pass = decoded.substring(colon + 1);
    }
    String identity = text(entry, "identitytoken");
    if (identity != null && !identity.isEmpty()) {
      return Credential.identityToken(user, identity);
    }
    String registryToken = text(entry, "registrytoken");
    if (registryToken != null && !registryToken.isEmpty()) {
      return Credential.registryToken(registryToken);
    }
    Credential c = Credential.basic(user, pass);
    return c.hasBasic() ? c : Credential.ANONYMOUS;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Runs {@code docker-credential-<helper> get} with the server name on stdin (docker credential-helpers protocol). */
  private Credential runHelper(String helper, String registry) {
    String exe = "docker-credential-" + helper;
    Optional<Path> path = findOnPath(exe);
    if (path.isEmpty()) {
      return Credential.ANONYMOUS; // as if the helper had no entry: try anonymously
    }
    String server = isHub(registry) ? HUB_AUTH_KEY : registry;
    ProcessBuilder pb = new ProcessBuilder(path.get().toString(), "get");
    pb.environment().clear();
    pb.environment().putAll(environment);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    byte[] out;
    int exit;
    Process p = null;
    try {
      p = pb.start();
      Process proc = p;
      // read stdout concurrently so a hanging helper cannot block us past the timeout
      java.util.concurrent.CompletableFuture<byte[]> stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return readCapped(proc.getInputStream());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      try (OutputStream in = p.getOutputStream()) {
        in.write(server.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the helper may exit without reading stdin; its exit status tells what happened
      }
      if (!p.waitFor(helperTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new RegistryException("credential helper " + exe + " timed out after " + helperTimeout.toSeconds() + "s", 0, null);
      }
      exit = p.exitValue();
      out = stdout.get(helperTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable c = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new RegistryException("running credential helper " + exe + ": " + c.getMessage(), 0, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while running credential helper " + exe, 0, null, e);
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
    String text = new String(out, StandardCharsets.UTF_8).trim();
    if (exit != 0) {
      if (text.toLowerCase(Locale.ROOT).contains("credentials not found")) {
        return Credential.ANONYMOUS;
      }
      throw new RegistryException("credential helper " + exe + " failed for " + server + ": " + firstLine(text), 0, null);
    }
    JsonNode creds = Json.parse(out, "output of credential helper " + exe);
    String user = text(creds, "Username");
    String secret = text(creds, "Secret");
    if ("<token>".equals(user)) {
      return Credential.identityToken(null, secret); // docker's marker for an identity (refresh) token
    }
    Credential c = Credential.basic(user, secret);
    return c.hasBasic() ? c : Credential.ANONYMOUS;
  }

  private Optional<Path> findOnPath(String exe) {
    String pathVar = environment.getOrDefault("PATH", "");
    for (String dir : pathVar.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, exe);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (b.size() + n > MAX_HELPER_OUTPUT) {
        throw new IOException("output larger than " + MAX_HELPER_OUTPUT + " bytes");
      }
      b.write(buf, 0, n);
    }
    return b.toByteArray();
  }

  private static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("no output");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  static boolean isHub(String registry) {
    return HUB_NAMES.contains(registry) || Repository.DOCKER_HUB.equals(registry);
  }

  /** Host names a config key may use for {@code registry}. */
  private static List<String> hostNames(String registry) {
    return isHub(registry) ? HUB_NAMES : List.of(registry);
  }

  /** docker's {@code ConvertToHostname}: drop the scheme and any path. */
  static String hostOf(String key) {
    String k = key;
    if (k.startsWith("http://")) {
      k = k.substring(7);
    } else if (k.startsWith("https://")) {
      k = k.substring(8);
    }
    int slash = k.indexOf('/');
    return slash < 0 ? k : k.substring(0, slash);
  }
}
