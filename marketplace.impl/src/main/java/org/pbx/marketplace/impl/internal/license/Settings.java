package org.pbx.marketplace.impl.internal.license;

import java.net.URI;
import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;

/**
 * The license configuration, resolved: defaults filled in, keys decoded. A mistyped value never
 * throws: it is left out and said in {@link #problem()}, so the license service (and all gating)
 * stays up with the reason on the license.
 */
final class Settings {

    /** The configured key, normalized; null when none is configured or it is mistyped ({@link #keyMistyped}). */
    final String licenseKey;
    /** Whether a key is configured that is not a license key: then it is neither used nor cleared. */
    final boolean keyMistyped;
    /** The vendor's server; null when the configured one is not usable ({@link #serverProblem}). */
    final URI serverUrl;
    /** Why the configured server URL is not usable, or null. */
    final String serverProblem;
    /** The configured trust root document, or null (then {@link #trustProblem} says why). */
    final String trustRoot;
    /** Why there is no trust root: nothing configured, or the file can't be read; null when there is one. */
    final String trustProblem;
    final Duration connectTimeout;
    final Duration requestTimeout;
    final int maxResponseBytes;
    final Duration retryMin;
    final Duration retryMax;

    private Settings(LicenseConfiguration config, String url, String trustRoot, String trustProblem) {
        String key = Keys.normalize(config.licenseKey());
        this.keyMistyped = key != null && !Keys.isKey(key);
        this.licenseKey = keyMistyped ? null : key;
        URI server = null;
        String problem = null;
        try {
            server = VendorClient.checkedUrl(URI.create(url));
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        this.serverUrl = server;
        this.serverProblem = problem;
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
        String url = config.serverUrl() == null ? "" : config.serverUrl().trim();
        return new Settings(config, url.isEmpty() ? localVendor : url, trustRoot, trustProblem);
    }

    static Settings of(LicenseConfiguration config, String trustRoot, String trustProblem, BundleContext context) {
        return of(config, trustRoot, trustProblem, LocalVendor.url(context));
    }

    /** The vendor's client cabinet below the server's base URL (docs/protocol.md §7). */
    String cabinetUrl() {
        if (serverUrl == null) {
            return null;
        }
        String base = serverUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "cabinet/";
    }

    /** What is wrong with the configuration (the server URL first: it stops every vendor call), or null. */
    ReasonDTO problem() {
        if (serverProblem != null) {
            return Reason.SERVER_URL_INVALID.dto(serverProblem);
        }
        return keyMistyped ? Reason.CONFIGURED_KEY_INVALID.dto() : null;
    }
}
