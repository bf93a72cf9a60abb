package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throttles key on the client address: X-Forwarded-For counts only from a configured proxy
 * (the test's loopback address plays the proxy). The cabinet's wrong-login limit, 5 per address
 * in 10 minutes (docs/protocol.md §7), is the throttle that shows it.
 */
class TrustedProxyTest {
    @TempDir
    Path dir;

    private static int wrongLogin(Harness h, String forwardedFor) {
        return h.cabinetForm("/cabinet/login", null, "key=" + URLEncoder.encode("MKT-WRONG-WRONG-WRONG-WRONG",
                StandardCharsets.UTF_8), Map.of("X-Forwarded-For", forwardedFor)).status();
    }

    @Test
    void forwardedForFromANonProxyIsIgnored() {
        // The peer (127.0.0.1) is not in the list: the header is the client's own claim.
        try (Harness h = new Harness(dir, new TestClock(), b -> b.trustedProxies(List.of("10.0.0.0/8")))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, wrongLogin(h, "198.51.100." + i), "wrong key, not yet blocked");
            }
            assertEquals(429, wrongLogin(h, "198.51.100.99"),
                    "a new X-Forwarded-For each time does not escape the limit of the socket address");
        }
    }

    @Test
    void forwardedForFromAConfiguredProxyNamesTheClient() {
        try (Harness h = new Harness(dir, new TestClock(), b -> b.trustedProxies(List.of("127.0.0.0/8", "::1")))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, wrongLogin(h, "203.0.113.7"));
            }
            assertEquals(429, wrongLogin(h, "203.0.113.7"), "the client the proxy named is blocked");
            assertEquals(401, wrongLogin(h, "203.0.113.8"), "another client behind the same proxy is not");
            // Left of the proxy's own entry is whatever the client sent: the proxy's entry (rightmost) counts.
            assertEquals(429, wrongLogin(h, "192.0.2.1, 203.0.113.7"), "a forged hop in front changes nothing");
            assertEquals(401, wrongLogin(h, "203.0.113.7, 203.0.113.9"));
        }
    }

    @Test
    void aWrongProxyEntryIsRefusedAtStart() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VendorServerSettings.builder(dir).trustedProxies(List.of("proxy.example.com")).build());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("proxy.example.com"), e.getMessage());
    }
}
