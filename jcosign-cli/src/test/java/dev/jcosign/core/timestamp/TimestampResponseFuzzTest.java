package dev.jcosign.core.timestamp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jcosign.core.error.CosignException;

/** RFC 3161 responses as a TSA or an annotation gives them (issue 11): only typed errors escape. */
class TimestampResponseFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void timeStampResponses(byte[] der) {
    try {
      TimestampVerifier.granted(TimestampVerifier.parse(der, "fuzz"), "fuzz");
    } catch (CosignException e) {
      // refused with a message
    }
  }
}
