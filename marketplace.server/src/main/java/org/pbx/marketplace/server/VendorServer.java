package org.pbx.marketplace.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.pbx.marketplace.server.internal.VendorCore;
import org.pbx.marketplace.server.internal.standalone.JettyTransport;

/**
 * A running vendor server on embedded Jetty: for the standalone jar and for tests that
 * need a real license authority (see docs/protocol.md for what it answers).
 *
 * <pre>
 * try (VendorServer server = VendorServer.start(VendorServerSettings.builder(dir).build())) {
 *     URI base = server.baseUrl();                      // http://127.0.0.1:PORT
 *     Map&lt;String, String&gt; keys = server.vendorPublicKeys(); // kid -> base64url SPKI
 * }
 * </pre>
 */
public final class VendorServer implements AutoCloseable {
    private final VendorCore core;
    private final JettyTransport transport;
    private final URI baseUrl;
    private final Path dataDirectory;

    private VendorServer(VendorCore core, JettyTransport transport, URI baseUrl, Path dataDirectory) {
        this.core = core;
        this.transport = transport;
        this.baseUrl = baseUrl;
        this.dataDirectory = dataDirectory;
    }

    /** Opens (or on first start creates) the data folder and starts serving. */
    public static VendorServer start(VendorServerSettings settings) {
        VendorCore core = VendorCore.open(settings);
        try {
            JettyTransport transport = new JettyTransport(settings, core.handler());
            String host = settings.bindAddress().equals("0.0.0.0") || settings.bindAddress().equals("::")
                    ? "localhost" : settings.bindAddress();
            URI base = URI.create(settings.publicUrl() != null ? stripSlash(settings.publicUrl())
                    : (transport.secure() ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + transport.port());
            core.publicBase(base.toString());
            return new VendorServer(core, transport, base, settings.dataDirectory().toAbsolutePath());
        } catch (Exception e) {
            core.close();
            throw new IllegalStateException("cannot serve on " + settings.bindAddress() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The server base URL, without a trailing slash; endpoints are baseUrl + "/v1/...". */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return transport.port();
    }

    /** kid → base64url X.509 SubjectPublicKeyInfo of the Ed25519 keys that sign, as GET /v1/keys answers. */
    public Map<String, String> vendorPublicKeys() {
        return core.vendorPublicKeys();
    }

    /**
     * Trust root {@code version} as GET /v1/root/{version}.json serves it (null past the newest): what a PBX
     * maker ships with the PBX (docs/protocol.md §3.3).
     */
    public String trustRoot(long version) {
        return core.trust().document(version);
    }

    /** The newest trust root's version. */
    public long trustRootVersion() {
        return core.trust().version();
    }

    /** Rotates the key of {@code role} (license, catalog or root) as the admin command "root rotate" does. */
    public void rotateKey(String role) {
        core.trust().rotate(role);
    }

    /** Removes key {@code kid} from the trust root, as the admin command "root revoke" does. */
    public void revokeKey(String kid) {
        core.trust().revoke(kid);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Marks a license revoked; its next validation gets a signed REVOKED refusal. False if the key is unknown. */
    public boolean revokeLicense(String licenseKey) {
        return core.admin().revoke(licenseKey);
    }

    /** A fresh single-use coupon adding {@code days} of the product (ids: docs/protocol.md, demo data). */
    public String issueCoupon(String productId, int days) {
        return core.admin().issueCoupon(productId, days);
    }

    /**
     * Runs one outbox delivery pass now, in the caller's thread, instead of waiting for the
     * background sender; returns how many letters went out. Only letters that are due are tried:
     * after a failure, the next attempt is due after the backoff on the server's clock.
     */
    public int deliverMailNow() {
        return core.outbox().deliverDue();
    }

    /** Outbox counts as /cabinet/outbox shows them: {queued, failing, failed, sent}. */
    public int[] mailOutboxCounts() {
        var c = core.outbox().counts();
        return new int[] {c.queued(), c.failing(), c.failed(), c.sent()};
    }

    /**
     * Deletes expired nonces, sessions and limit counters and letters past their retention now, in bounded
     * batches, as the background pass does every minute; returns how many rows went.
     */
    public int sweepNow() {
        return core.sweepNow();
    }

    /** Pooled database connections in use at this moment (the pool holds at most {@code jdbcPoolSize}). */
    public int databaseConnectionsInUse() {
        return core.database().activeConnections();
    }

    /** Stops listening and closes the database; the data folder keeps everything for the next start. */
    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            core.close();
        }
    }
}
