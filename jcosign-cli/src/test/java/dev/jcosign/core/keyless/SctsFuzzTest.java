package dev.jcosign.core.keyless;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jcosign.core.error.CosignException;

/** The SCT list extension of a Fulcio certificate (issue 11): only typed errors escape. */
class SctsFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void sctLists(byte[] extnValue) {
    try {
      Scts.parseList(extnValue);
    } catch (CosignException e) {
      // a malformed list is refused with a message
    }
  }
}
