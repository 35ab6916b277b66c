package dev.jcosign.adapters.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where registry credentials come from: {@code $DOCKER_CONFIG}, else {@code $HOME/.docker}, when it holds a
 * {@code config.json}; otherwise podman's and skopeo's {@code auth.json} (same format), as
 * go-containerregistry's default keychain falls back to: {@code $REGISTRY_AUTH_FILE}, then
 * {@code $XDG_RUNTIME_DIR/containers/auth.json}, then {@code ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json}
 * (issue 11). One rule for the CLI and the Java API (issue 13).
 */
public final class CredentialFiles {
  private CredentialFiles() {}

  /** The docker directory (even without a file), a podman auth file that exists, or null. */
  public static Path dockerConfigDir(Function<String, Optional<String>> env) {
    Path docker = set(env, "DOCKER_CONFIG").map(Path::of)
        .or(() -> set(env, "HOME").map(h -> Path.of(h, ".docker"))).orElse(null);
    if (docker != null && Files.isRegularFile(docker.resolve("config.json"))) {
      return docker;
    }
    List<Path> podman = new ArrayList<>();
    set(env, "REGISTRY_AUTH_FILE").map(Path::of).ifPresent(podman::add);
    set(env, "XDG_RUNTIME_DIR").map(d -> Path.of(d, "containers", "auth.json")).ifPresent(podman::add);
    set(env, "XDG_CONFIG_HOME").map(Path::of).or(() -> set(env, "HOME").map(h -> Path.of(h, ".config")))
        .map(d -> d.resolve("containers").resolve("auth.json")).ifPresent(podman::add);
    return podman.stream().filter(Files::isRegularFile).findFirst().orElse(docker);
  }

  private static Optional<String> set(Function<String, Optional<String>> env, String name) {
    return env.apply(name).filter(s -> !s.isBlank());
  }
}
