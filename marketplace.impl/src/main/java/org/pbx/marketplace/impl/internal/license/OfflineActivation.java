package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The PBX's half of offline activation (docs/protocol.md, "Offline activation"): the request file,
 * signed with the installation key because there is no connection to sign, and the check of the
 * token file that answers it. The token passes the same checks as an online answer; each failed
 * check has its own reason, since the admin carried the file by hand and must know which file is wrong.
 */
final class OfflineActivation {

    static final String REQUEST = "pbx-activation-request";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private OfflineActivation() {
    }

    static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** The request file: a compact JWS signed by the installation key, which it carries itself. */
    static String request(InstallationIdentity identity, String key, String nonce, long nowMillis) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "EdDSA");
        header.put("kid", identity.id());
        header.put("typ", REQUEST);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", REQUEST);
        payload.put("iat", nowMillis / 1000);
        payload.put("installationId", identity.id());
        payload.put("publicKey", B64.encodeToString(identity.publicKey()));
        payload.put("licenseKey", key);
        payload.put("nonce", nonce);
        String signingInput = B64.encodeToString(json(header)) + "." + B64.encodeToString(json(payload));
        byte[] signature = identity.signBytes(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signature);
    }

    /** The token file's token, if it is the vendor's answer to our pending request; else why not. */
    static Token verify(JwsVerifier verifier, String installationId, String jws, String nonce, String key, long now)
            throws LicenseException {
        Token token;
        try {
            JsonNode claims = verifier.verify(jws == null ? "" : jws.trim(), LicenseProtocol.LICENSE);
            token = Token.of(jws.trim(), claims);
        } catch (ProtocolException | IllegalArgumentException e) {
            throw new LicenseException(Reason.OFFLINE_TOKEN_INVALID.dto());
        }
        if (!installationId.equals(token.installationId)) {
            throw new LicenseException(Reason.OFFLINE_TOKEN_OTHER_PBX.dto());
        }
        if (!key.equals(Keys.normalize(token.licenseKey))) {
            throw new LicenseException(Reason.OFFLINE_TOKEN_OTHER_KEY.dto());
        }
        if (!nonce.equals(token.nonce)) {
            throw new LicenseException(Reason.OFFLINE_TOKEN_OTHER_REQUEST.dto());
        }
        if (token.issuedAt > now + LicenseProtocol.MAX_FUTURE_MILLIS || token.expiresAt <= now) {
            throw new LicenseException(Reason.OFFLINE_TOKEN_INVALID.dto());
        }
        return token;
    }

    private static byte[] json(Object value) {
        try {
            return LicenseStore.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
