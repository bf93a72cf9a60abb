package org.pbx.marketplace.server.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address throttles count, for the proxy lists an operator writes (one class, no HTTP). */
class TrustedProxiesTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "192.0.2.7", "fd00::/8"));

    @Test
    void theHeaderCountsOnlyFromAProxy() {
        assertEquals("198.51.100.1", PROXIES.clientAddress("198.51.100.1", List.of("203.0.113.5")));
        assertEquals("203.0.113.5", PROXIES.clientAddress("10.1.2.3", List.of("203.0.113.5")));
        assertEquals("203.0.113.5", PROXIES.clientAddress("192.0.2.7", List.of("203.0.113.5")));
        assertEquals("192.0.2.8", PROXIES.clientAddress("192.0.2.8", List.of("203.0.113.5")), "a /32 is one address");
        assertEquals("10.1.2.3", PROXIES.clientAddress("10.1.2.3", List.of()), "no header: the proxy itself");
        assertEquals("2001:db8:0:0:0:0:0:1", PROXIES.clientAddress("fd12::1", List.of("2001:db8::1")));
        assertEquals("203.0.113.5", TrustedProxies.NONE.clientAddress("203.0.113.5", List.of("10.0.0.1")));
    }

    @Test
    void theRightmostHopThatIsNoProxyIsTheClient() {
        assertEquals("203.0.113.5", PROXIES.clientAddress("10.0.0.1", List.of("1.2.3.4, 203.0.113.5, 10.9.9.9")));
        assertEquals("203.0.113.5", PROXIES.clientAddress("10.0.0.1", List.of("1.2.3.4", "203.0.113.5")),
                "several header lines are one list");
        assertEquals("10.9.9.9", PROXIES.clientAddress("10.0.0.1", List.of("not-an-address, 10.9.9.9")),
                "garbage left of the proxies: the last good hop");
        assertEquals("10.0.0.1", PROXIES.clientAddress("10.0.0.1", List.of("evil.example.com")),
                "a name is never looked up");
    }

    @Test
    void wrongEntriesAreRefusedByName() {
        for (String wrong : new String[] {"proxy.example.com", "10.0.0.0/33", "300.1.1.1", "10.0.0.0/x", "::1/129"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustedProxies.parse(List.of(wrong)));
            assertEquals(true, e.getMessage().contains(wrong), e.getMessage());
        }
    }
}
