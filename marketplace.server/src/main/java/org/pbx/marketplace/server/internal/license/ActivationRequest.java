package org.pbx.marketplace.server.internal.license;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.crypto.Ed25519;
import org.pbx.marketplace.server.internal.crypto.InstallationAuth;
import org.pbx.marketplace.server.internal.crypto.InstallationAuth.Installation;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.validation.Fields;

/**
 * An offline activation request file (docs/protocol.md, "Offline activation"): the PBX had no
 * connection to sign, so it signed the document itself with its installation key, which the
 * document carries. The checks match the signed headers of §3: the key is a canonical Ed25519
 * key, the signature verifies, and the id is the one that key names.
 */
public record ActivationRequest(Installation installation, String licenseKey, String nonce, long issuedAt) {
    public static final String TYPE = "pbx-activation-request";
    /** How long a request file stays good: long enough to carry it, short enough that a lost one goes stale. */
    public static final long MAX_AGE_SECONDS = 30 * 86_400L;

    public static ActivationRequest parse(String text, long now) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new ApiException(ErrorCode.E_ACTIVATION_REQUEST);
        }
        ObjectNode header;
        ObjectNode payload;
        try {
            header = Json.parseObject(Codec.unb64(parts[0]));
            payload = Json.parseObject(Codec.unb64(parts[1]));
            Codec.unb64(parts[2]);
        } catch (IllegalArgumentException | ApiException e) {
            throw new ApiException(ErrorCode.E_ACTIVATION_REQUEST);
        }
        if (!"EdDSA".equals(header.path("alg").asText()) || !TYPE.equals(header.path("typ").asText())
                || !TYPE.equals(payload.path("type").asText()) || !payload.path("iat").canConvertToLong()) {
            throw new ApiException(ErrorCode.E_ACTIVATION_REQUEST);
        }
        String keyText = payload.path("publicKey").asText("");
        // One key, one DER spelling, as for the signed headers: otherwise one PBX could pose as several ids.
        Ed25519.PublicKey key = InstallationAuth.publicKey(keyText, "publicKey");
        InstallationAuth.verify(key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), parts[2]);
        String id = InstallationAuth.installationId(key.spki());
        if (!id.equals(payload.path("installationId").asText())) {
            throw new ApiException(ErrorCode.E_ACTIVATION_REQUEST, "installationId");
        }
        // The header names the signer as §4 documents do: here the installation, so the same id (§12).
        if (!id.equals(header.path("kid").asText())) {
            throw new ApiException(ErrorCode.E_ACTIVATION_REQUEST, "kid");
        }
        long iat = payload.path("iat").asLong();
        if (iat > now + InstallationAuth.MAX_SKEW_SECONDS) {
            throw new ApiException(ErrorCode.E_CLOCK_SKEW, "iat");
        }
        if (iat < now - MAX_AGE_SECONDS) {
            throw new ApiException(ErrorCode.E_ACTIVATION_REQUEST_OLD, "iat");
        }
        Fields fields = new Fields(payload);
        return new ActivationRequest(new Installation(id, keyText), fields.licenseKey(), fields.nonce(), iat);
    }
}
