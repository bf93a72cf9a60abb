package org.pbx.marketplace.impl.internal.license;

import java.net.URI;
import java.time.Duration;

import org.osgi.framework.BundleContext;

/**
 * The license configuration, resolved: defaults filled in, keys decoded.
 */
final class Settings {

    final String licenseKey;
    final URI serverUrl;
    /** The configured trust root document, or null (then {@link #trustProblem} says why). */
    final String trustRoot;
    /** Why there is no trust root: nothing configured, or the file can't be read; null when there is one. */
    final String trustProblem;
    final Duration connectTimeout;
    final Duration requestTimeout;
    final int maxResponseBytes;
    final Duration retryMin;
    final Duration retryMax;

    private Settings(LicenseConfiguration config, URI serverUrl, String trustRoot, String trustProblem) {
        this.licenseKey = Keys.normalize(config.licenseKey());
        this.serverUrl = serverUrl;
        this.trustRoot = trustRoot;
        this.trustProblem = trustProblem;
        this.connectTimeout = Duration.ofSeconds(Math.max(1, config.connectTimeoutSeconds()));
        this.requestTimeout = Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds()));
        this.maxResponseBytes = Math.max(4, config.maxResponseKiB()) * 1024;
        this.retryMin = Duration.ofSeconds(Math.max(1, config.retryMinSeconds()));
        this.retryMax = Duration.ofSeconds(Math.max(config.retryMinSeconds(), config.retryMaxSeconds()));
    }

    static Settings of(LicenseConfiguration config, TrustRootSource trust, BundleContext context) {
        return trust == null ? of(config, null, "no trust root is configured", context)
                : of(config, trust.document(), trust.problem(), context);
    }

    /** With the root document itself (the benchmarks, tests), or none and why. */
    static Settings of(LicenseConfiguration config, String trustRoot, String trustProblem, BundleContext context) {
        String url = config.serverUrl().trim();
        if (url.isEmpty()) {
            // The reference vendor server runs inside the demo host by default.
            String port = context.getProperty("org.osgi.service.http.port");
            url = "http://127.0.0.1:" + (port == null ? "8080" : port.trim()) + "/vendor";
        }
        return new Settings(config, URI.create(url), trustRoot, trustProblem);
    }

    /** The vendor's client cabinet below the server's base URL (docs/protocol.md §7). */
    String cabinetUrl() {
        String base = serverUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "cabinet/";
    }
}
