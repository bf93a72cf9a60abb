package org.pbx.marketplace.impl.internal.license;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;

/**
 * The license configuration, resolved: defaults filled in, keys decoded.
 */
final class Settings {

    final String licenseKey;
    final URI serverUrl;
    final Map<String, String> vendorKeys;
    final Duration connectTimeout;
    final Duration requestTimeout;
    final int maxResponseBytes;
    final Duration retryMin;
    final Duration retryMax;

    private Settings(LicenseConfiguration config, URI serverUrl) {
        this.licenseKey = Keys.normalize(config.licenseKey());
        this.serverUrl = serverUrl;
        Map<String, String> keys = new LinkedHashMap<>();
        for (String entry : config.vendorKeys()) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                keys.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        this.vendorKeys = Map.copyOf(keys);
        this.connectTimeout = Duration.ofSeconds(Math.max(1, config.connectTimeoutSeconds()));
        this.requestTimeout = Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds()));
        this.maxResponseBytes = Math.max(4, config.maxResponseKiB()) * 1024;
        this.retryMin = Duration.ofSeconds(Math.max(1, config.retryMinSeconds()));
        this.retryMax = Duration.ofSeconds(Math.max(config.retryMinSeconds(), config.retryMaxSeconds()));
    }

    static Settings of(LicenseConfiguration config, BundleContext context) {
        return of(config, LocalVendor.url(context));
    }

    /** With the URL of the reference vendor server inside this host ({@link LocalVendor}), the default. */
    static Settings of(LicenseConfiguration config, String localVendor) {
        String url = config.serverUrl().trim();
        return new Settings(config, URI.create(url.isEmpty() ? localVendor : url));
    }

    /** The vendor's client cabinet below the server's base URL (docs/protocol.md §7). */
    String cabinetUrl() {
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
                // Reported by the caller as "no usable vendor keys" if none decode.
            }
        }
        return decoded;
    }
}
