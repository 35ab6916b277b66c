package dev.jcosign.keyless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.VerificationException;
import dev.jcosign.core.keyless.FulcioCertificate;
import dev.jcosign.core.keyless.IdentityPolicy;
import dev.jcosign.core.keyless.IdentityToken;
import dev.jcosign.testing.KeyVectors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The two identity rules (keyless spec §1.7 bundle path, §1.8 legacy path) on the real Fulcio leaf of
 * vectors/cosign/legacy-keyless-signature, and the token claims keyless signing reads (§1.2 step 4).
 */
class IdentityPolicyTest {
  static final FulcioCertificate LEAF = FulcioCertificate.parse(KeyVectors.bytes("legacy-keyless-signature/certificate.pem"), "v");

  static IdentityPolicy policy(String id, String idRe, String iss, String issRe) {
    return new IdentityPolicy(Optional.ofNullable(id), Optional.ofNullable(idRe), Optional.ofNullable(iss),
        Optional.ofNullable(issRe), IdentityPolicy.GithubClaims.NONE);
  }

  @Test
  void readsSanAndIssuer() {
    assertEquals(Optional.of("sozercan@gmail.com"), LEAF.summarySan());
    assertEquals(List.of("sozercan@gmail.com"), LEAF.allSans());
    assertEquals("https://github.com/login/oauth", LEAF.legacyIssuer());
    assertEquals(Optional.of("https://github.com/login/oauth"), LEAF.issuer());
  }

  @Test
  void bothPaths_acceptTheRightIdentity() {
    policy("sozercan@gmail.com", null, "https://github.com/login/oauth", null).checkBundlePath(LEAF);
    policy("sozercan@gmail.com", null, "https://github.com/login/oauth", null).checkLegacyPath(LEAF);
    policy(null, "gmail", null, "github\\.com").checkBundlePath(LEAF); // unanchored, as Go's MatchString
  }

  @Test
  void legacyPath_regexpWinsOverExact_bundlePathNeedsBoth() {
    // cosign's legacy switch looks at the regexp only when both are given
    policy("someone@else", "gmail", "https://github.com/login/oauth", null).checkLegacyPath(LEAF);
    assertThrows(VerificationException.class,
        () -> policy("someone@else", "gmail", "https://github.com/login/oauth", null).checkBundlePath(LEAF));
  }

  @Test
  void re2Syntax_goNamedGroupsYesLookaroundNo() {
    policy(null, "(?P<user>[a-z]+)@gmail\\.com", null, ".").checkBundlePath(LEAF);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy(null, "(?<=x)y", null, "."));
    assertTrue(e.getMessage().startsWith("malformed subject in identity: (?<=x)y"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> policy(null, ".", null, "(a)\\1"));
  }

  @Test
  void pathologicalPatternRunsInLinearTime() {
    // (a+)+$ backtracks exponentially in java.util.regex; RE2 answers at once
    policy(null, "(a+)+$", null, ".");
    long t = System.nanoTime();
    assertFalse(com.google.re2j.Pattern.compile("(a+)+$").matcher("a".repeat(5000) + "!").find());
    assertTrue(System.nanoTime() - t < 2_000_000_000L);
  }

  @Test
  void requireComplete_namesTheMissingFlag() {
    assertTrue(assertThrows(InvalidInputException.class, () -> policy(null, null, "x", null).requireComplete())
        .getMessage().startsWith("--certificate-identity or --certificate-identity-regexp is required"));
    assertTrue(assertThrows(InvalidInputException.class, () -> policy("x", null, null, null).requireComplete())
        .getMessage().startsWith("--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required"));
  }

  static String jwt(String claims) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void tokenSubject_emailWhenVerifiedElseSub() {
    long exp = System.currentTimeMillis() / 1000 + 600;
    assertEquals("a@b.c", IdentityToken.parse(jwt("{\"sub\":\"123\",\"email\":\"a@b.c\",\"email_verified\":true,\"exp\":" + exp + "}"), "t").subject());
    assertEquals("a@b.c", IdentityToken.parse(jwt("{\"sub\":\"123\",\"email\":\"a@b.c\",\"email_verified\":\"True\"}"), "t").subject());
    assertEquals("repo:org/x", IdentityToken.parse(jwt("{\"sub\":\"repo:org/x\"}"), "t").subject());
    assertTrue(assertThrows(InvalidInputException.class,
        () -> IdentityToken.parse(jwt("{\"sub\":\"1\",\"email\":\"a@b.c\",\"email_verified\":false}"), "t").subject())
        .getMessage().contains("not verified by identity provider"));
    assertTrue(assertThrows(InvalidInputException.class, () -> IdentityToken.parse(jwt("{}"), "t").subject())
        .getMessage().contains("no subject found in claims"));
    String expired = jwt("{\"sub\":\"x\",\"exp\":1}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdentityToken.parse(expired, "SIGSTORE_ID_TOKEN"));
    assertTrue(e.getMessage().contains("expired") && !e.getMessage().contains(expired), e.getMessage());
    assertFalse(IdentityToken.looksLikeJwt("/path/to/file"));
    assertTrue(IdentityToken.looksLikeJwt(expired));
    assertEquals("IdentityToken[redacted]", IdentityToken.parse(jwt("{\"sub\":\"x\"}"), "t").toString());
  }
}
