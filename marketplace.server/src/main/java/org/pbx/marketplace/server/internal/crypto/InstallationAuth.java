package org.pbx.marketplace.server.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.HttpRequest;

/**
 * Checks the X-Pbx-* headers: the installation proves it holds the private key whose public half
 * names it, so knowing a license key alone never moves a binding.
 */
public final class InstallationAuth {
    public static final String KEY_HEADER = "X-Pbx-Installation-Key";
    public static final String TIME_HEADER = "X-Pbx-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Pbx-Signature";
    public static final long MAX_SKEW_SECONDS = 300;
    /** One spelling per instant (docs/protocol.md §3): decimal digits, no sign, no leading zero, at most 18. */
    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,17}");

    private final Clock clock;

    public InstallationAuth(Clock clock) {
        this.clock = clock;
    }

    /** The verified caller. */
    public record Installation(String id, String publicKey) {
    }

    public static String installationId(byte[] spki) {
        return HexFormat.of().formatHex(Arrays.copyOf(Codec.sha256(spki), 16));
    }

    public static String signingString(String method, String signedPath, String timestamp, byte[] body) {
        return method + "\n" + signedPath + "\n" + timestamp + "\n" + Codec.sha256Hex(body);
    }

    public Installation verify(HttpRequest request) {
        String keyText = request.header(KEY_HEADER);
        String time = request.header(TIME_HEADER);
        String signatureText = request.header(SIGNATURE_HEADER);
        if (keyText == null || time == null || signatureText == null || !TIMESTAMP.matcher(time).matches()) {
            throw new ApiException(ErrorCode.E_AUTH_MISSING);
        }
        Ed25519.PublicKey key = publicKey(keyText, null);
        byte[] signed = signingString(request.method(), request.signedPath(), time, request.body())
                .getBytes(StandardCharsets.UTF_8);
        verify(key, signed, signatureText);
        if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(time)) > MAX_SKEW_SECONDS) {
            throw new ApiException(ErrorCode.E_CLOCK_SKEW);
        }
        return new Installation(installationId(key.spki()), keyText);
    }

    /**
     * The key of a base64url SPKI, in its one DER spelling (otherwise one installation could pose as
     * several ids), or E_AUTH_KEY naming {@code field} (null: a header).
     */
    public static Ed25519.PublicKey publicKey(String text, String field) {
        try {
            return Ed25519.publicKey(Codec.unb64(text));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.E_AUTH_KEY, field);
        }
    }

    /** E_AUTH_SIGNATURE unless {@code signatureText} is the canonical base64url of {@code key}'s signature of {@code signed}. */
    public static void verify(Ed25519.PublicKey key, byte[] signed, String signatureText) {
        byte[] signature;
        try {
            signature = Codec.unb64(signatureText);
        } catch (IllegalArgumentException e) {
            signature = null;
        }
        if (signature == null || !key.verify(signed, signature)) {
            throw new ApiException(ErrorCode.E_AUTH_SIGNATURE);
        }
    }
}
