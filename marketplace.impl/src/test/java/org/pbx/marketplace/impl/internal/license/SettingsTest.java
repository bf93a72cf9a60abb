package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.lang.annotation.Annotation;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

/**
 * A mistyped server URL or pinned key never throws (which would take the license service and all
 * gating down): it is left out and the settings say what to correct, in en and ru.
 */
class SettingsTest {

    /** A configuration as Config Admin would give it; tests change its fields. */
    static final class Config implements LicenseConfiguration {
        String licenseKey = "";
        String serverUrl = "";
        String[] vendorKeys = {};

        @Override public String licenseKey() { return licenseKey; }
        @Override public String serverUrl() { return serverUrl; }
        @Override public String[] vendorKeys() { return vendorKeys; }
        @Override public int connectTimeoutSeconds() { return 5; }
        @Override public int requestTimeoutSeconds() { return 15; }
        @Override public int maxResponseKiB() { return 256; }
        @Override public int retryMinSeconds() { return 300; }
        @Override public int retryMaxSeconds() { return 21600; }
        @Override public Class<? extends Annotation> annotationType() { return LicenseConfiguration.class; }
    }

    static Settings settings(Consumer<Config> change) {
        Config config = new Config();
        change.accept(config);
        return Settings.of(config, mock(BundleContext.class));
    }

    @Test
    void emptyServerUrlIsTheHostsOwnServer() {
        Settings settings = settings(c -> { });
        assertEquals("http://127.0.0.1:8080/vendor", settings.serverUrl.toString());
        assertNull(settings.problem);
        assertEquals("http://127.0.0.1:8080/vendor/cabinet/", settings.cabinetUrl());
    }

    @Test
    void aMistypedServerUrlIsAReasonNotAnException() {
        for (String typo : new String[] {"htps://vendor.example", "vendor.example/api", "https://vendor example.com", "https://"}) {
            Settings settings = settings(c -> c.serverUrl = typo);
            assertNull(settings.serverUrl, typo);
            assertNull(settings.cabinetUrl(), typo);
            assertEquals("CONFIG_SERVER_URL", settings.problem.code, typo);
            assertTrue(settings.problem.message.get("en").contains("serverUrl"), typo);
            assertTrue(settings.problem.message.get("ru").contains("serverUrl"), typo);
        }
    }

    @Test
    void aMistypedPinnedKeyIsNamedAndLeftOutTheGoodOnesStay() throws Exception {
        String good = Base64.getUrlEncoder().withoutPadding().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        Settings settings = settings(c -> c.vendorKeys = new String[] {"k1=" + good, "k2=" + good.substring(3), "no-equals-sign"});
        assertEquals(java.util.Set.of("k1"), settings.vendorKeys.keySet());
        assertTrue(settings.vendorKeysGiven, "configured: never learned from the server instead");
        assertEquals("CONFIG_VENDOR_KEY", settings.problem.code);
        assertTrue(settings.problem.message.get("en").contains("k2"), settings.problem.message.get("en"));
        assertTrue(settings.problem.message.get("en").contains("no-equals-"), settings.problem.message.get("en"));
        assertTrue(!settings.problem.message.get("en").contains(good.substring(3)), "the key's bytes are not echoed");
    }

    @Test
    void onlyAnEndpointChangeRebuildsTheClient() {
        Settings a = settings(c -> c.serverUrl = "https://vendor.example");
        assertTrue(a.sameEndpoint(settings(c -> { c.serverUrl = "https://vendor.example"; c.licenseKey = "MKT-AAAAA-AAAAA-AAAAA-AAAAA"; })));
        assertTrue(!a.sameEndpoint(settings(c -> c.serverUrl = "https://other.example")));
        assertTrue(!a.sameEndpoint(null));
    }
}
