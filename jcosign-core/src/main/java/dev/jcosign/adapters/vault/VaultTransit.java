package dev.jcosign.adapters.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.json.Json;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * The transit calls jcosign makes, over the driver's raw logical API (the driver has no transit
 * API). The driver returns some 4xx responses instead of throwing, so every status is checked here
 * and turned into a one-line {@link KeyException} naming the key reference (never the token).
 */
final class VaultTransit {
  /** An HTTP answer that is not a success: status and Vault's first {@code errors} entry. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final Vault vault;
  private final String mount;
  private final String address;
  final String ref;

  VaultTransit(Vault vault, String mount, String address, String ref) {
    this.vault = vault;
    this.mount = mount;
    this.address = address;
    this.ref = ref;
  }

  /** {@code GET <mount>/keys/<key>}: the key's {@code data}. */
  JsonNode readKey(String key) {
    return data(call(() -> vault.logical().read(mount + "/keys/" + key)));
  }

  /** {@code POST <mount>/keys/<key>} with {@code type}. */
  void createKey(String key, String type) {
    call(() -> vault.logical().write(mount + "/keys/" + key, Map.of("type", type)));
  }

  /** {@code POST <mount>/sign/<key>[/<hash>]}: the {@code signature} field. */
  String sign(String key, String hashSuffix, Map<String, Object> body) {
    JsonNode d = data(call(() -> vault.logical().write(mount + "/sign/" + key + hashSuffix, body)));
    return d.path("signature").asText("");
  }

  private interface Call {
    LogicalResponse run() throws VaultException;
  }

  private byte[] call(Call c) {
    LogicalResponse r;
    try {
      r = c.run();
    } catch (VaultException e) {
      if (e.getHttpStatusCode() > 0) {
        throw new Failure(e.getHttpStatusCode(), "");
      }
      throw unreachable(e);
    }
    int status = r.getRestResponse().getStatus();
    byte[] body = r.getRestResponse().getBody();
    if (status < 200 || status > 299) {
      throw new Failure(status, firstError(body));
    }
    return body == null ? new byte[0] : body;
  }

  private static JsonNode data(byte[] body) {
    try {
      return body.length == 0 ? Json.object() : Json.mapper().readTree(body).path("data");
    } catch (IOException e) {
      throw new Failure(200, "unreadable response");
    }
  }

  private static String firstError(byte[] body) {
    try {
      JsonNode errors = Json.mapper().readTree(body).path("errors");
      String first = errors.isArray() && errors.size() > 0 ? errors.get(0).asText() : "";
      first = first.lines().findFirst().orElse("");
      return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private KeyException unreachable(VaultException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String why = c instanceof ConnectException ? "connection refused"
          : c instanceof UnknownHostException ? "unknown host"
          : c instanceof SocketTimeoutException ? "timed out"
          : c instanceof SSLException ? "TLS failure (set VAULT_CACERT to trust its certificate)" : null;
      if (why != null) {
        return new KeyException("using key " + ref + ": cannot reach " + address + ": " + why, e);
      }
    }
    return new KeyException("using key " + ref + ": cannot reach " + address, e);
  }
}
