package org.pbx.marketplace.impl.internal.license;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * The license configuration, resolved: defaults filled in, keys decoded. A mistyped value never
 * throws: it is left out and {@link #problem} says what to correct, so the license service (and
 * all gating on the license already held) stays up.
 */
final class Settings {

    final String licenseKey;
    /** The vendor's base URL, or null when the configured one can't be used ({@link #problem} says why). */
    final URI serverUrl;
    /** The pinned vendor keys that decode; a mistyped entry is left out and named in {@link #problem}. */
    final Map<String, String> vendorKeys;
    /** Whether any vendor key was configured, usable or not: then none is learned from the server. */
    final boolean vendorKeysGiven;
    final Duration connectTimeout;
    final Duration requestTimeout;
    final int maxResponseBytes;
    final Duration retryMin;
    final Duration retryMax;
    /** What in the configuration can't be used, or null. */
    final ReasonDTO problem;

    private Settings(LicenseConfiguration config, String url) {
        this.licenseKey = Keys.normalize(config.licenseKey());
        List<ReasonDTO> problems = new ArrayList<>();
        this.serverUrl = parseUrl(url, problems);
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        String[] entries = config.vendorKeys() == null ? new String[0] : config.vendorKeys();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String kid = eq > 0 ? entry.substring(0, eq).trim() : "";
            String value = eq > 0 ? entry.substring(eq + 1).trim() : "";
            if (kid.isEmpty() || decode(Map.of(kid, value)).isEmpty()) {
                bad.add(eq > 0 ? kid + "=…" : entry.length() > 12 ? entry.substring(0, 12) + "…" : entry);
            } else {
                keys.put(kid, value);
            }
        }
        if (!bad.isEmpty()) {
            problems.add(Reason.CONFIG_VENDOR_KEY.dto(String.join(", ", bad)));
        }
        this.vendorKeysGiven = entries.length > 0 && (!keys.isEmpty() || !bad.isEmpty());
        this.vendorKeys = Map.copyOf(keys);
        this.connectTimeout = Duration.ofSeconds(Math.max(1, config.connectTimeoutSeconds()));
        this.requestTimeout = Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds()));
        this.maxResponseBytes = Math.max(4, config.maxResponseKiB()) * 1024;
        this.retryMin = Duration.ofSeconds(Math.max(1, config.retryMinSeconds()));
        this.retryMax = Duration.ofSeconds(Math.max(config.retryMinSeconds(), config.retryMaxSeconds()));
        this.problem = problems.isEmpty() ? null : problems.get(0);
    }

    static Settings of(LicenseConfiguration config, BundleContext context) {
        String url = config.serverUrl() == null ? "" : config.serverUrl().trim();
        if (url.isEmpty()) {
            // The reference vendor server runs inside the demo host by default.
            String port = context.getProperty("org.osgi.service.http.port");
            url = "http://127.0.0.1:" + (port == null ? "8080" : port.trim()) + "/vendor";
        }
        return new Settings(config, url);
    }

    private static URI parseUrl(String url, List<ReasonDTO> problems) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                problems.add(Reason.CONFIG_SERVER_URL.dto(url, "not an http(s) URL"));
                return null;
            }
            if (uri.getHost() == null) {
                problems.add(Reason.CONFIG_SERVER_URL.dto(url, "no host name"));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(Reason.CONFIG_SERVER_URL.dto(url, e.getReason()));
            return null;
        }
    }

    /** Whether {@code other} reaches the vendor the same way (same client and keys would do). */
    boolean sameEndpoint(Settings other) {
        return other != null && Objects.equals(serverUrl, other.serverUrl) && vendorKeys.equals(other.vendorKeys)
                && vendorKeysGiven == other.vendorKeysGiven && connectTimeout.equals(other.connectTimeout)
                && requestTimeout.equals(other.requestTimeout) && maxResponseBytes == other.maxResponseBytes;
    }

    /** The vendor's client cabinet below the server's base URL (docs/protocol.md §7), or null without a usable URL. */
    String cabinetUrl() {
        if (serverUrl == null) {
            return null;
        }
        String base = serverUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "cabinet/";
    }

    /** Decodes kid → base64url SPKI into public keys; entries that don't decode are skipped. */
    static Map<String, PublicKey> decode(Map<String, String> keys) {
        Map<String, PublicKey> decoded = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : keys.entrySet()) {
            try {
                decoded.put(entry.getKey(), KeyFactory.getInstance("Ed25519").generatePublic(
                        new X509EncodedKeySpec(Base64.getUrlDecoder().decode(entry.getValue()))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // Settings names a configured entry that does not decode; learned keys were checked when learned.
            }
        }
        return decoded;
    }
}
