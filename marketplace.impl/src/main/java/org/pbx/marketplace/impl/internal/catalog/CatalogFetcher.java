package org.pbx.marketplace.impl.internal.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.impl.internal.license.Technical;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fetches the catalog the way The Update Framework does: a small signed timestamp first, then
 * the catalog it names by hash and length. Refuses rollback, freeze, mix-and-match, endless
 * data and type confusion, each with its own reason.
 */
final class CatalogFetcher {

    /** What a successful fetch brings; {@code catalogJws} is null when the catalog did not change. */
    static final class Fetched {
        final long version;
        final String timestampJws;
        final String catalogJws;
        final CatalogDocument document;

        Fetched(long version, String timestampJws, String catalogJws, CatalogDocument document) {
            this.version = version;
            this.timestampJws = timestampJws;
            this.catalogJws = catalogJws;
            this.document = document;
        }
    }

    private static final int TIMESTAMP_LIMIT = 16 * 1024;
    private static final int CATALOG_LIMIT = 64 * 1024 * 1024;
    /** docs/protocol.md §4: iat at most 5 minutes ahead of this clock. */
    private static final long MAX_FUTURE_MILLIS = 5 * 60 * 1000;

    private final Duration deadline;

    CatalogFetcher(Duration deadline) {
        this.deadline = deadline;
    }

    /**
     * @param lastVersion the version of the last accepted catalog (0: none)
     * @param lastIssuedAt its iat, epoch seconds (0: none): nothing signed before it is accepted
     */
    Fetched fetch(VendorChannel.Connection connection, long lastVersion, long lastIssuedAt, long now) throws CatalogException {
        VendorClient.Answer stamp = get(connection, "/v1/catalog/timestamp", TIMESTAMP_LIMIT);
        JsonNode timestamp = verify(connection, stamp, "pbx-timestamp");
        long version = timestamp.path("version").asLong();
        if (version < lastVersion) {
            throw CatalogReason.CATALOG_ROLLBACK.exception(version, lastVersion);
        }
        checkIssuedAt(timestamp, lastIssuedAt, now);
        if (timestamp.path("exp").asLong() * 1000 <= now) {
            throw CatalogReason.CATALOG_EXPIRED.exception();
        }
        if (version == lastVersion) {
            return new Fetched(version, stamp.text(), null, null);
        }
        long length = timestamp.path("catalog").path("length").asLong();
        String sha256 = timestamp.path("catalog").path("sha256").asText();
        if (length <= 0 || length > CATALOG_LIMIT) {
            throw CatalogReason.CATALOG_MISMATCH.exception("announced length " + length);
        }
        VendorClient.Answer body = get(connection, "/v1/catalog", (int) length);
        if (body.body.length != length || !sha256.equals(sha256(body.body))) {
            throw CatalogReason.CATALOG_MISMATCH.exception("hash or length differ");
        }
        JsonNode catalog = verify(connection, body, "pbx-catalog");
        if (catalog.path("version").asLong() != version) {
            throw CatalogReason.CATALOG_MISMATCH.exception("version " + catalog.path("version").asLong() + " ≠ " + version);
        }
        if (catalog.path("exp").asLong() * 1000 <= now) {
            throw CatalogReason.CATALOG_EXPIRED.exception();
        }
        checkIssuedAt(catalog, lastIssuedAt, now);
        try {
            return new Fetched(version, stamp.text(), body.text(), new CatalogDocument(catalog));
        } catch (IllegalArgumentException e) {
            throw CatalogReason.CATALOG_INVALID.exception(e.getMessage());
        }
    }

    /** Signed before the last accepted catalog: an old document replayed (its version may have been reused). */
    private static void checkIssuedAt(JsonNode document, long lastIssuedAt, long now) throws CatalogException {
        long iat = document.path("iat").asLong(-1);
        if (iat < 0 || iat * 1000 > now + MAX_FUTURE_MILLIS) {
            throw CatalogReason.CATALOG_UNTRUSTED.exception("iat " + document.path("iat").asText() + " missing or in the future");
        }
        if (iat < lastIssuedAt) {
            throw CatalogReason.CATALOG_BACKDATED.exception(Technical.date(java.time.Instant.ofEpochSecond(iat)),
                    Technical.date(java.time.Instant.ofEpochSecond(lastIssuedAt)));
        }
    }

    private VendorClient.Answer get(VendorChannel.Connection connection, String path, int limit) throws CatalogException {
        try {
            VendorClient.Answer answer = connection.client.get(path, Map.of(), false, limit, done -> { }, deadline);
            if (answer.status != 200 || !answer.isJose()) {
                throw CatalogReason.SERVER_DOWN.exception("HTTP " + answer.status + " " + answer.contentType);
            }
            return answer;
        } catch (VendorUnreachableException e) {
            throw e.tooLarge() ? CatalogReason.CATALOG_TOO_LARGE.exception() : CatalogReason.SERVER_DOWN.exception(e.getMessage());
        }
    }

    private static JsonNode verify(VendorChannel.Connection connection, VendorClient.Answer answer, String type)
            throws CatalogException {
        try {
            return connection.verifier.verify(answer.body, type);
        } catch (ProtocolException e) {
            throw CatalogReason.CATALOG_UNTRUSTED.exception(e.getMessage());
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
