package dev.jcosign.core.signingconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.signingconfig.ServiceSelection.Kind;
import dev.jcosign.core.signingconfig.SigningConfig.Selector;
import dev.jcosign.core.signingconfig.SigningConfig.Service;
import dev.jcosign.core.signingconfig.SigningConfig.ServiceConfiguration;
import dev.jcosign.core.tlog.ValidityPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Choosing one Rekor log and one TSA from a signing config (spec §6.7). */
class ServiceSelectionTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final String WHAT = "signing config cfg.json";
  private static final ServiceConfiguration ANY = new ServiceConfiguration(Selector.ANY, 0);
  private static final ServiceConfiguration ALL = new ServiceConfiguration(Selector.ALL, 0);

  private static Service svc(String url, long version, String start, String end, String operator) {
    return new Service(url, version, new ValidityPeriod(Optional.ofNullable(start).map(Instant::parse),
        Optional.ofNullable(end).map(Instant::parse)), operator);
  }

  private static Service svc(String url, String start) {
    return svc(url, 1, start, null, "op");
  }

  private static Optional<String> rekor(ServiceConfiguration c, Service... s) {
    return ServiceSelection.select(List.of(s), c, Kind.REKOR, NOW, WHAT);
  }

  private static String rekorError(ServiceConfiguration c, Service... s) {
    String m = assertThrows(InvalidInputException.class, () -> rekor(c, s)).getMessage();
    assertTrue(m.startsWith(WHAT + ": "), m);
    assertEquals(1, m.lines().count(), m);
    return m;
  }

  private static ServiceConfiguration exact(long n) {
    return new ServiceConfiguration(Selector.EXACT, n);
  }

  @Test
  void noServicesListedMeansNone() {
    assertEquals(Optional.empty(), rekor(ANY));
    // the selector is not looked at then: a config without rekorTlogUrls needs no rekorTlogConfig
    assertEquals(Optional.empty(), rekor(ServiceConfiguration.UNSET));
    assertEquals(Optional.empty(), ServiceSelection.select(List.of(), ALL, Kind.TSA, NOW, WHAT));
  }

  @Test
  void validityWindowStartInclusiveEndExclusive() {
    assertEquals(Optional.of("https://a"), rekor(ANY, svc("https://a", 1, "2026-06-01T00:00:00Z", null, "x")));
    assertEquals(Optional.of("https://a"), rekor(ANY, svc("https://a", 1, null, "2026-06-01T00:00:01Z", "x")));
    assertEquals(Optional.of("https://a"), rekor(ANY, svc("https://a", 1, null, null, "x")));
    String future = rekorError(ANY, svc("https://future", 1, "2026-06-01T00:00:01Z", null, "x"),
        svc("https://ended", 1, "2020-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "y"));
    assertEquals(WHAT + ": none of the 2 rekorTlogUrls is valid at 2026-06-01T00:00:00Z (https://future, https://ended)", future);
    // an ended service is skipped for a current one
    assertEquals(Optional.of("https://current"), rekor(ANY, svc("https://ended", 1, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "x"),
        svc("https://current", 1, "2025-01-01T00:00:00Z", null, "x")));
  }

  @Test
  void newestStartWinsWhateverTheOrder() {
    Service old = svc("https://old", "2021-01-01T00:00:00Z");
    Service newer = svc("https://new", "2025-01-01T00:00:00Z");
    Service noStart = svc("https://nostart", null);
    assertEquals(Optional.of("https://new"), rekor(ANY, old, newer, noStart));
    assertEquals(Optional.of("https://new"), rekor(ANY, noStart, newer, old));
    // one per operator: two services of one operator are one choice, so ALL is satisfied by it
    assertEquals(Optional.of("https://new"), rekor(ALL, old, newer));
    assertEquals(Optional.of("https://new"), rekor(exact(1), newer, old));
  }

  @Test
  void rekorV2OnlyIsRefusedAndV1IsPreferredWhenBothAreOffered() {
    Service v2 = svc("https://log2025-1.rekor.sigstore.dev", 2, "2025-09-01T00:00:00Z", null, "sigstore.dev");
    String m = rekorError(ANY, v2);
    assertEquals(WHAT + ": rekorTlogUrls offers only Rekor v2 logs valid now (https://log2025-1.rekor.sigstore.dev): "
        + "Rekor v2 is not supported, jcosign supports Rekor v1 only; use a signing config with a Rekor v1 log or without rekorTlogUrls", m);
    Service v1 = svc("https://rekor.sigstore.dev", 1, "2021-01-12T11:53:27Z", null, "sigstore.dev");
    assertEquals(Optional.of("https://rekor.sigstore.dev"), rekor(ANY, v2, v1));
    // an ended v1 log does not count: only v2 is left
    Service endedV1 = svc("https://rekor.sigstore.dev", 1, "2021-01-12T11:53:27Z", "2026-01-01T00:00:00Z", "sigstore.dev");
    assertTrue(rekorError(ANY, v2, endedV1).contains("offers only Rekor v2 logs valid now"));
    // version 0 (absent) is not a version anyone speaks
    assertTrue(rekorError(ANY, svc("https://r", 0, null, null, "")).contains("offers only Rekor v0 logs"));
  }

  @Test
  void tsaOfAnotherApiVersionIsRefused() {
    String m = assertThrows(InvalidInputException.class, () -> ServiceSelection.select(
        List.of(svc("https://tsa", 2, null, null, "x")), ANY, Kind.TSA, NOW, WHAT)).getMessage();
    assertTrue(m.contains("tsaUrls offers only timestamp authority API v2 services valid now (https://tsa)"), m);
    assertTrue(m.endsWith("or without tsaUrls"), m);
  }

  @Test
  void selectorsThatNeedMoreThanOneAreRefused() {
    Service a = svc("https://a", 1, "2024-01-01T00:00:00Z", null, "op-a");
    Service b = svc("https://b", 1, "2025-01-01T00:00:00Z", null, "op-b");
    assertEquals(WHAT + ": rekorTlogConfig ALL selects 2 Rekor transparency logs (https://b, https://a) but jcosign's signatures "
        + "carry one log entry: use ANY or EXACT:1", rekorError(ALL, a, b));
    assertEquals(WHAT + ": rekorTlogConfig EXACT:2 asks for 2 Rekor transparency logs but jcosign's signatures carry one log entry: "
        + "use ANY or EXACT:1", rekorError(exact(2), a, b));
    assertEquals(WHAT + ": rekorTlogConfig EXACT:3 asks for 3 Rekor transparency logs but only 2 (https://b, https://a) can be used "
        + "now, one per operator", rekorError(exact(3), a, b));
    assertEquals(WHAT + ": rekorTlogConfig EXACT needs a count greater than 0", rekorError(exact(0), a));
    assertEquals(WHAT + ": rekorTlogConfig.selector is missing: expected ANY, ALL or EXACT", rekorError(ServiceConfiguration.UNSET, a));
    // EXACT:1 and ANY take the newest of the operators' services
    assertEquals(Optional.of("https://b"), rekor(exact(1), a, b));
    assertEquals(Optional.of("https://b"), rekor(ANY, a, b));
    // ALL over one operator is one log
    assertEquals(Optional.of("https://a"), rekor(ALL, a));
    String tsa = assertThrows(InvalidInputException.class, () -> ServiceSelection.select(List.of(a, b), ALL, Kind.TSA, NOW, WHAT))
        .getMessage();
    assertEquals(WHAT + ": tsaConfig ALL selects 2 timestamp authorities (https://b, https://a) but jcosign's signatures carry one "
        + "timestamp: use ANY or EXACT:1", tsa);
  }

  @Test
  void rekorAndTsaAreChosenIndependently() {
    SigningConfig c = new SigningConfig(SigningConfig.MEDIA_TYPE, List.of(), List.of(),
        List.of(svc("https://rekor", "2021-01-01T00:00:00Z")), List.of(), ANY, ServiceConfiguration.UNSET);
    assertEquals(Optional.of("https://rekor"), ServiceSelection.rekor(c, NOW, WHAT));
    assertEquals(Optional.empty(), ServiceSelection.tsa(c, NOW, WHAT));
  }
}
