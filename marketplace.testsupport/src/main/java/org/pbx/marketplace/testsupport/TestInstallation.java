package org.pbx.marketplace.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signing test client: a PBX as the protocol sees it, an Ed25519 key pair that signs requests
 * (docs/protocol.md, "Installation identity") and offline activation requests.
 */
public final class TestInstallation {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** This installation's key pair. */
    public final KeyPair keys;
    /** The public key as the X-Pbx-Installation-Key header carries it (SPKI, base64url). */
    public final String publicKeyHeader;
    /** The installation id: the first 16 bytes of the SHA-256 of the public key, in hex. */
    public final String id;

    /** A new installation with a fresh key pair. */
    public TestInstallation() {
        try {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = keys.getPublic().getEncoded();
            publicKeyHeader = b64(spki);
            id = HexFormat.of().formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(spki), 16));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64url without padding, as the protocol spells bytes. */
    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh random nonce (18 bytes, base64url). */
    public static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return b64(bytes);
    }

    /** The three X-Pbx-* headers for a request; pathWithQuery is relative to the server base URL. */
    public Map<String, String> sign(String method, String pathWithQuery, long timestamp, byte[] body) {
        return sign(method, pathWithQuery, Long.toString(timestamp), body);
    }

    /** The same with the timestamp spelled as given, signed verbatim (docs/protocol.md §3). */
    public Map<String, String> sign(String method, String pathWithQuery, String timestamp, byte[] body) {
        try {
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            String text = method + "\n" + pathWithQuery + "\n" + timestamp + "\n" + bodyHash;
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys.getPrivate());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Pbx-Installation-Key", publicKeyHeader);
            headers.put("X-Pbx-Timestamp", timestamp);
            headers.put("X-Pbx-Signature", b64(signature.sign()));
            return headers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An offline activation request file (docs/protocol.md, "Offline activation"), signed by this installation. */
    public String activationRequest(String key, String nonce, long iat) {
        return activationRequest(key, nonce, iat, id, keys);
    }

    /** The same, with the id and the signing key open to tampering. */
    public String activationRequest(String key, String nonce, long iat, String claimedId, KeyPair signer) {
        return activationRequest(key, nonce, iat, claimedId, signer, claimedId);
    }

    /** The same with the header's kid open to tampering too. */
    public String activationRequest(String key, String nonce, long iat, String claimedId, KeyPair signer, String kid) {
        try {
            String header = "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"typ\":\"pbx-activation-request\"}";
            String payload = "{\"type\":\"pbx-activation-request\",\"iat\":" + iat + ",\"installationId\":\""
                    + claimedId + "\",\"publicKey\":\"" + publicKeyHeader + "\",\"licenseKey\":\"" + key
                    + "\",\"nonce\":\"" + nonce + "\"}";
            String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signer.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
