package dev.jcosign.adapters.registry;

/**
 * Credentials for one registry, as Docker's {@code AuthConfig}: basic user/password, an OAuth2
 * refresh ("identity") token, or a registry (bearer) token. All null means anonymous. Secrets
 * never appear in {@link #toString()}.
 */
record Credential(String username, String password, String identityToken, String registryToken) {
  static final Credential ANONYMOUS = new Credential(null, null, null, null);

  static Credential basic(String user, String pass) {
    return new Credential(user, pass, null, null);
  }

  static Credential identityToken(String user, String token) {
    return new Credential(user, null, token, null);
  }

  static Credential registryToken(String token) {
    return new Credential(null, null, null, token);
  }

  boolean isAnonymous() {
    return !hasBasic() && identityToken == null && registryToken == null;
  }

  boolean hasBasic() {
    return (username != null && !username.isEmpty()) || (password != null && !password.isEmpty());
  }

  String basicHeader() {
    String raw = (username == null ? "" : username) + ":" + (password == null ? "" : password);
    return "Basic " + java.util.Base64.getEncoder().encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    if (isAnonymous()) {
      return "Credential[anonymous]";
    }
    return "Credential[username=" + username + ", secret=******]";
  }
}
