package org.pbx.marketplace.server.internal.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.pbx.marketplace.server.internal.http.Json;

/** Compact JWS (RFC 7515) with EdDSA/Ed25519 (RFC 8037); the typ in the header repeats the payload's type. */
public final class JwsSigner {
    public static final String LICENSE = "pbx-license";
    public static final String REFUSAL = "pbx-refusal";
    public static final String TIMESTAMP = "pbx-timestamp";
    public static final String CATALOG = "pbx-catalog";

    private final VendorKeys keys;

    public JwsSigner(VendorKeys keys) {
        this.keys = keys;
    }

    public String sign(ObjectNode payload) {
        String type = payload.path("type").asText();
        if (!type.startsWith("pbx-")) {
            throw new IllegalArgumentException("every signed payload names its type");
        }
        ObjectNode header = Json.object();
        header.put("alg", "EdDSA");
        header.put("kid", keys.kid());
        header.put("typ", type);
        String signingInput = Codec.b64(Json.bytes(header)) + "." + Codec.b64(Json.bytes(payload));
        return signingInput + "." + Codec.b64(keys.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
