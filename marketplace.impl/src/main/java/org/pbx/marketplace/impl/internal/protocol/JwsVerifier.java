package org.pbx.marketplace.impl.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Verifies a vendor's JWS (compact, EdDSA) against the pinned vendor keys before anything of its
 * payload is read. Only the small protected header is parsed before the signature check, to
 * find the key id.
 */
public final class JwsVerifier {

    /** A duplicated member (two "alg", two "exp") is refused: parsers disagree on which one counts. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Larger than any document of the protocol; guards the header parse. */
    private static final int MAX_HEADER = 1024;

    private final Map<String, PublicKey> vendorKeys;

    public JwsVerifier(Map<String, PublicKey> vendorKeys) {
        this.vendorKeys = Map.copyOf(vendorKeys);
    }

    /**
     * @param jws the compact serialization as received
     * @param expectedType the document type the caller asked for (typ)
     * @return the verified payload, parsed
     * @throws ProtocolException if the document is malformed, signed by an unknown key, badly
     *         signed, or of another type
     */
    public JsonNode verify(String jws, String expectedType) throws ProtocolException {
        // Compact JWS is ASCII; anything else fails the Base64 or the signature check below.
        return verify(jws.getBytes(StandardCharsets.US_ASCII), expectedType);
    }

    /**
     * As {@link #verify(String, String)}, over the bytes as received: a catalog is megabytes, so
     * the signing input is verified in place and only the payload is decoded, once.
     */
    public JsonNode verify(byte[] jws, String expectedType) throws ProtocolException {
        // Exactly as sent: no surrounding whitespace, no padding, only the canonical spelling (RFC 7515 §2, §7.1).
        int start = 0;
        int end = jws.length;
        int dot1 = indexOf(jws, start, end);
        int dot2 = dot1 < 0 ? -1 : indexOf(jws, dot1 + 1, end);
        if (dot2 < 0 || indexOf(jws, dot2 + 1, end) >= 0 || dot1 - start > MAX_HEADER) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "not a compact JWS");
        }
        if (!canonical(jws, start, dot1) || !canonical(jws, dot1 + 1, dot2) || !canonical(jws, dot2 + 1, end)) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "not canonical base64url (padding, whitespace or stray bits)");
        }
        JsonNode header;
        byte[] signature;
        try {
            header = parse(decode(jws, start, dot1));
            ByteBuffer sig = decode(jws, dot2 + 1, end);
            signature = Arrays.copyOfRange(sig.array(), sig.arrayOffset() + sig.position(), sig.arrayOffset() + sig.limit());
        } catch (Exception e) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "JWS header or signature not decodable");
        }
        if (header == null || !header.isObject() || !"EdDSA".equals(header.path("alg").asText())) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "JWS alg is not EdDSA");
        }
        if (header.has("crit")) {
            // RFC 7515 §4.1.11: a recipient that does not understand every listed extension must reject.
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "JWS header has crit, which this client does not support");
        }
        PublicKey key = vendorKeys.get(header.path("kid").asText(""));
        if (key == null) {
            throw new ProtocolException(ProtocolException.Kind.UNKNOWN_KEY,
                    "signed by key id '" + header.path("kid").asText("") + "', which is not pinned");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(jws, start, dot2 - start);
            if (!verifier.verify(signature)) {
                throw new ProtocolException(ProtocolException.Kind.BAD_SIGNATURE, "signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ProtocolException.Kind.BAD_SIGNATURE, "signature does not verify");
        }
        JsonNode payload;
        try {
            payload = parse(decode(jws, dot1 + 1, dot2));
        } catch (Exception e) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "signed payload is not JSON");
        }
        if (!expectedType.equals(header.path("typ").asText()) || !expectedType.equals(payload.path("type").asText())) {
            throw new ProtocolException(ProtocolException.Kind.WRONG_TYPE,
                    "expected a " + expectedType + " document, got " + header.path("typ").asText());
        }
        return payload;
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '.') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Base64url (RFC 4648 §5) as the protocol spells it: the 64 characters only, no padding, and the
     * unused low bits of the last character zero, so each byte string has exactly one spelling.
     */
    static boolean canonical(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length == 0 || length % 4 == 1) {
            return false;
        }
        int last = 0;
        for (int i = from; i < to; i++) {
            last = value(bytes[i]);
            if (last < 0) {
                return false;
            }
        }
        int unusedBits = length % 4 == 2 ? 0x0F : length % 4 == 3 ? 0x03 : 0;
        return (last & unusedBits) == 0;
    }

    private static int value(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    private static ByteBuffer decode(byte[] bytes, int from, int to) {
        return Base64.getUrlDecoder().decode(ByteBuffer.wrap(bytes, from, to - from));
    }

    private static JsonNode parse(ByteBuffer json) throws java.io.IOException {
        return MAPPER.readTree(json.array(), json.arrayOffset() + json.position(), json.remaining());
    }

    /** The document type a JWS claims in its header, unverified; to route a response before verifying it. */
    public static String claimedType(String jws) {
        try {
            String head = jws.trim().split("\\.", 2)[0];
            if (head.length() > MAX_HEADER) {
                return "";
            }
            return MAPPER.readTree(Base64.getUrlDecoder().decode(head)).path("typ").asText("");
        } catch (Exception e) {
            return "";
        }
    }
}
