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

    private final java.util.function.Supplier<VendorKeys> keys;

    public JwsSigner(VendorKeys keys) {
        this(() -> keys);
    }

    /** Signs with whichever key the supplier names at each call: the role's key of the newest trust root. */
    public JwsSigner(java.util.function.Supplier<VendorKeys> keys) {
        this.keys = keys;
    }

    /** The key id documents are signed with now. */
    public String kid() {
        return keys.get().kid();
    }

    public String sign(ObjectNode payload) {
        String type = payload.path("type").asText();
        if (!type.startsWith("pbx-")) {
            throw new IllegalArgumentException("every signed payload names its type");
        }
        VendorKeys key = keys.get();
        ObjectNode header = Json.object();
        header.put("alg", "EdDSA");
        header.put("kid", key.kid());
        header.put("typ", type);
        String signingInput = Codec.b64(Json.bytes(header)) + "." + Codec.b64(Json.bytes(payload));
        return signingInput + "." + Codec.b64(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
