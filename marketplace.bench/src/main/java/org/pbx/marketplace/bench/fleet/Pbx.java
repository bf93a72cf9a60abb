package org.pbx.marketplace.bench.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * One simulated PBX: its installation key pair (docs/protocol.md §3) and, once registered, its
 * license key. It signs with BouncyCastle's Ed25519, which gives the same bytes as the JDK's
 * (RFC 8032 signatures are deterministic) at a fraction of the load generator's CPU.
 */
final class Pbx {
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    final int index;
    final byte[] seed;
    final byte[] spki;
    final String keyHeader;
    final String id;
    private final Ed25519PrivateKeyParameters privateKey;
    /** Set by the fleet's registration (per database). */
    volatile String licenseKey;

    Pbx(int index, byte[] seed, byte[] spki) {
        this.index = index;
        this.seed = seed;
        this.spki = spki;
        this.keyHeader = B64.encodeToString(spki);
        this.id = HexFormat.of().formatHex(Arrays.copyOf(sha256(spki), 16));
        this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
    }

    /** The three X-Pbx-* header lines (CRLF-terminated) for a request at {@code timestamp}. */
    String signedHeaders(String method, String path, long timestamp, byte[] body) {
        String bodyHash = body.length == 0 ? EMPTY_SHA256 : HexFormat.of().formatHex(sha256(body));
        byte[] text = (method + "\n" + path + "\n" + timestamp + "\n" + bodyHash).getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(text, 0, text.length);
        return "X-Pbx-Installation-Key: " + keyHeader + "\r\nX-Pbx-Timestamp: " + timestamp
                + "\r\nX-Pbx-Signature: " + B64.encodeToString(signer.generateSignature()) + "\r\n";
    }

    /** 18 random bytes, base64url: what the PBX's LicenseProtocol sends. */
    static String nonce() {
        byte[] bytes = new byte[18];
        ThreadLocalRandom.current().nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
