package org.pbx.marketplace.impl.internal.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Root documents as docs/protocol.md §3.3 spells them, made with the JDK's Ed25519, for the tests (the license's too). */
public final class Roots {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long YEAR_SECONDS = 365L * 24 * 3600;

    /** A key pair with its protocol key id. */
    public record Key(String kid, KeyPair pair) {
        public static Key fresh() {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                String kid = "ed25519-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)).substring(0, 16);
                return new Key(kid, pair);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String spki() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(pair.getPublic().getEncoded());
        }

        public String sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(pair.getPrivate());
                signature.update(message);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A compact JWS of {@code type} with this key, as the vendor signs tokens and catalogs. */
        public String jws(String type) {
            ObjectNode header = JSON.createObjectNode().put("alg", "EdDSA").put("kid", kid).put("typ", type);
            ObjectNode payload = JSON.createObjectNode().put("type", type).put("version", 1);
            String input = b64(header.toString()) + "." + b64(payload.toString());
            return input + "." + sign(input.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** What a root says: vendor, version, expiry and the keys of each role. */
    public static final class Spec {
        String vendor = "vendor-test";
        long version = 1;
        long expires = System.currentTimeMillis() / 1000 + YEAR_SECONDS;
        final Map<String, List<Key>> roles = new LinkedHashMap<>();

        public Spec(Key root, Key license, Key catalog) {
            roles.put("root", List.of(root));
            roles.put("license", List.of(license));
            roles.put("catalog", List.of(catalog));
        }

        /** The next version: same keys, same vendor. */
        public Spec next() {
            Spec next = new Spec(roles.get("root").get(0), roles.get("license").get(0), roles.get("catalog").get(0));
            next.vendor = vendor;
            next.version = version + 1;
            return next;
        }

        Spec with(String role, Key key) {
            roles.put(role, List.of(key));
            return this;
        }

        /** The document, signed by {@code signers}. */
        public String sign(Key... signers) {
            ObjectNode signed = JSON.createObjectNode();
            signed.put("type", "pbx-root");
            signed.put("vendor", vendor);
            signed.put("version", version);
            signed.put("expires", expires);
            ObjectNode keys = signed.putObject("keys");
            ObjectNode roleNode = signed.putObject("roles");
            for (Map.Entry<String, List<Key>> role : roles.entrySet()) {
                ObjectNode r = roleNode.putObject(role.getKey());
                ArrayNode ids = r.putArray("keyids");
                for (Key key : role.getValue()) {
                    ids.add(key.kid());
                    keys.put(key.kid(), key.spki());
                }
                r.put("threshold", 1);
            }
            String payload = b64(signed.toString());
            ObjectNode document = JSON.createObjectNode().put("signed", payload);
            ArrayNode signatures = document.putArray("signatures");
            for (Key key : signers) {
                signatures.addObject().put("keyid", key.kid()).put("sig", key.sign(payload.getBytes(StandardCharsets.US_ASCII)));
            }
            return document.toString();
        }
    }

    /** A vendor's published roots by version, as GET /v1/root/{n}.json answers. */
    static final class Server implements TrustChain.Source {
        final Map<Long, String> roots = new LinkedHashMap<>();
        final List<Long> asked = new ArrayList<>();

        @Override
        public String root(long version) {
            asked.add(version);
            return roots.get(version);
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private Roots() {
    }
}
