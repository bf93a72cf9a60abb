package org.pbx.marketplace.impl.internal.license;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbx.marketplace.impl.internal.trust.Roots;

/** A test vendor for the license's unit tests: its keys and root, the tokens it signs, a configuration. */
final class Fixtures {

    static final String KEY = "MKT-AAAAA-BBBBB-CCCCC-DDDDD";
    static final String OTHER_KEY = "MKT-ZZZZZ-YYYYY-XXXXX-WWWWW";
    static final String INSTALLATION = "0123456789abcdef0123456789abcdef";
    static final long DAY = 86_400_000L;

    final Roots.Key root = Roots.Key.fresh();
    final Roots.Key license = Roots.Key.fresh();
    final Roots.Key catalog = Roots.Key.fresh();
    /** The installation the tokens are for. */
    String installation = INSTALLATION;

    /** The vendor's root document, version 1. */
    String rootDocument() {
        return new Roots.Spec(root, license, catalog).sign(root);
    }

    /** A verified token's claims as {@link Token} reads them: issued at {@code iatMillis}, valid a day, offline a week. */
    Token token(String key, long serial, long iatMillis) {
        String jws = jws(claims(key, serial, iatMillis, null));
        try {
            return Token.of(jws, LicenseStore.MAPPER.readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[1])));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> claims(String key, long serial, long iatMillis, String nonce) {
        long iat = iatMillis / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("type", "pbx-license");
        claims.put("iat", iat);
        claims.put("exp", iat + 86400);
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        claims.put("installationId", installation);
        claims.put("serial", serial);
        claims.put("licenseKey", key);
        claims.put("offlineUntil", iat + 7 * 86400);
        claims.put("owner", Map.of("companyName", "Acme", "contactName", "Ann", "email", "ann@example.com"));
        claims.put("products", List.of(Map.of("id", "call-recording-pro", "name", Map.of("en", "Call Recording Pro"),
                "trial", true, "expiresAt", iat + 30 * 86400)));
        claims.put("features", List.of(Map.of("id", "call-recording", "expiresAt", iat + 30 * 86400, "seats", 10, "seatsUsed", 0)));
        return claims;
    }

    /** The claims signed by the license key of the root, as the vendor's answers are. */
    String jws(Map<String, Object> claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String head = b64.encodeToString(LicenseStore.MAPPER.writeValueAsBytes(
                    Map.of("alg", "EdDSA", "kid", license.kid(), "typ", "pbx-license")));
            String body = b64.encodeToString(LicenseStore.MAPPER.writeValueAsBytes(claims));
            String input = head + "." + body;
            return input + "." + license.sign(input.getBytes(StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings with this vendor's root, the server at {@code url} and the key {@code key} configured. */
    Settings settings(String url, String key) {
        return Settings.of(config(url, key), rootDocument(), null, "http://127.0.0.1:9/vendor");
    }

    static LicenseConfiguration config(String url, String key) {
        return new Config(url, key, 2);
    }

    static LicenseConfiguration config(String url, String key, int requestTimeoutSeconds) {
        return new Config(url, key, requestTimeoutSeconds);
    }

    @SuppressWarnings("all")
    private static final class Config implements LicenseConfiguration {
        private final String url;
        private final String key;
        private final int requestTimeout;

        Config(String url, String key, int requestTimeout) {
            this.url = url;
            this.key = key;
            this.requestTimeout = requestTimeout;
        }

        @Override public String licenseKey() { return key; }
        @Override public String serverUrl() { return url; }
        @Override public int connectTimeoutSeconds() { return 1; }
        @Override public int requestTimeoutSeconds() { return requestTimeout; }
        @Override public int maxResponseKiB() { return 64; }
        @Override public int retryMinSeconds() { return 300; }
        @Override public int retryMaxSeconds() { return 3600; }
        @Override public Class<? extends Annotation> annotationType() { return LicenseConfiguration.class; }
    }
}
