package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;

/**
 * Builds and signs the catalog and its timestamp (docs/protocol.md §4.3). The one code path for
 * both the server's CatalogPublisher and the vendor's CatalogTool, so a catalog published either
 * way is the same document.
 */
public final class CatalogDocuments {
    private CatalogDocuments() {
    }

    /** The pair for {@code modules} (as CatalogSource publishes them), valid from {@code iat} for {@code lifetime}. */
    public static CatalogPublisher.Signed sign(JwsSigner signer, ArrayNode modules, long version, long iat,
                                               Duration lifetime) {
        return sign(signer, modules, null, null, version, iat, lifetime);
    }

    /**
     * As {@link #sign(JwsSigner, ArrayNode, long, long, Duration)}, with the catalog's security advisories
     * (checked by {@link Advisories}) and its library bundles (docs/protocol.md, "Libraries"); none of
     * either (null or empty) leaves its field out, as before they existed.
     */
    public static CatalogPublisher.Signed sign(JwsSigner signer, ArrayNode modules, ArrayNode advisories,
                                               ArrayNode libraries, long version,
                                               long iat, Duration lifetime) {
        if (version < 1) {
            throw new IllegalArgumentException("catalog versions start at 1, not " + version);
        }
        long exp = iat + lifetime.toSeconds();
        ObjectNode catalog = header(JwsSigner.CATALOG, version, iat, exp);
        catalog.set("modules", modules);
        if (advisories != null && !advisories.isEmpty()) {
            ArrayNode published = catalog.putArray("advisories");
            advisories.forEach(a -> published.add(Advisories.published(a)));
        }
        if (libraries != null && !libraries.isEmpty()) {
            catalog.set("libraries", libraries);
        }
        String catalogJws = signer.sign(catalog);
        // The timestamp names the catalog by the exact bytes served, so a client detects mix-and-match.
        byte[] catalogBytes = catalogJws.getBytes(StandardCharsets.US_ASCII);
        ObjectNode timestamp = header(JwsSigner.TIMESTAMP, version, iat, exp);
        timestamp.putObject("catalog").put("sha256", Codec.sha256Hex(catalogBytes)).put("length", catalogBytes.length);
        return new CatalogPublisher.Signed(version, iat, signer.sign(timestamp), catalogJws);
    }

    private static ObjectNode header(String type, long version, long iat, long exp) {
        ObjectNode node = org.pbx.marketplace.server.internal.http.Json.object();
        node.put("type", type);
        node.put("version", version);
        node.put("iat", iat);
        node.put("exp", exp);
        return node;
    }
}
