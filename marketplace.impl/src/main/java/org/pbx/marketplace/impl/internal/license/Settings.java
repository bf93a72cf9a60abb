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

    static Settings of(LicenseConfiguration config, TrustRootSource trust, String localVendor) {
        return trust == null ? of(config, null, "no trust root is configured", localVendor)
                : of(config, trust.document(), trust.problem(), localVendor);
    }

    /**
     * With the root document itself (the benchmarks, tests), or none and why, and the URL of the
     * reference vendor server inside this host ({@link LocalVendor}), the default server URL.
     */
    static Settings of(LicenseConfiguration config, String trustRoot, String trustProblem, String localVendor) {
        String url = config.serverUrl().trim();
        return new Settings(config, URI.create(url.isEmpty() ? localVendor : url), trustRoot, trustProblem);
    }

    static Settings of(LicenseConfiguration config, String trustRoot, String trustProblem, BundleContext context) {
        return of(config, trustRoot, trustProblem, LocalVendor.url(context));
    }

    /** The vendor's client cabinet below the server's base URL (docs/protocol.md §7). */
    String cabinetUrl() {
        String base = serverUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "cabinet/";
    }
}
