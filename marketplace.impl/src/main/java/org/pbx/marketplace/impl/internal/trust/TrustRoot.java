package org.pbx.marketplace.impl.internal.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One version of the vendor's trust root (docs/protocol.md §3.3), parsed and checked for form:
 * which keys may sign license answers, the catalog and the next root, and how many of them must.
 * Immutable. Whether a root is to be believed is {@link #selfSigned()} (the pinned one) or
 * {@link #next(String)} (each step of the chain).
 */
public final class TrustRoot {

    public static final String ROOT = "root";
    public static final String LICENSE = "license";
    public static final String CATALOG = "catalog";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A root is a few keys; anything much larger is not one. */
    private static final int MAX_DOCUMENT = 64 * 1024;

    /** The document as received, byte for byte (persisted as is). */
    public final String document;
    public final String vendor;
    public final long version;
    /** Epoch millis. */
    public final long expiresAt;
    private final Map<String, PublicKey> keys;
    private final Map<String, List<String>> roleKeys;
    private final Map<String, Integer> thresholds;
    private final String signedPart;
    private final JsonNode signatures;

    private TrustRoot(String document, JsonNode signed, String signedPart, JsonNode signatures) throws TrustException {
        this.document = document;
        this.signedPart = signedPart;
        this.signatures = signatures;
        if (!"pbx-root".equals(signed.path("type").asText())) {
            throw new TrustException("it is not a trust root (type is not pbx-root)");
        }
        this.vendor = signed.path("vendor").asText("");
        this.version = signed.path("version").asLong(0);
        this.expiresAt = signed.path("expires").asLong(0) * 1000;
        if (vendor.isEmpty() || version < 1 || expiresAt <= 0 || !signed.path("version").isIntegralNumber()) {
            throw new TrustException("vendor, version or expires is missing");
        }
        Map<String, PublicKey> parsed = new LinkedHashMap<>();
        var fields = signed.path("keys").fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            parsed.put(entry.getKey(), key(entry.getKey(), entry.getValue().asText("")));
        }
        this.keys = Map.copyOf(parsed);
        Map<String, List<String>> roles = new LinkedHashMap<>();
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (String role : List.of(ROOT, LICENSE, CATALOG)) {
            JsonNode node = signed.path("roles").path(role);
            List<String> ids = new ArrayList<>();
            node.path("keyids").forEach(id -> ids.add(id.asText()));
            int threshold = node.path("threshold").asInt(0);
            if (ids.isEmpty() || threshold < 1 || threshold > ids.size() || !parsed.keySet().containsAll(ids)) {
                throw new TrustException("role " + role + " needs key ids among its keys and a threshold from 1 to their number");
            }
            roles.put(role, List.copyOf(ids));
            limits.put(role, threshold);
        }
        this.roleKeys = Map.copyOf(roles);
        this.thresholds = Map.copyOf(limits);
    }

    /** Parses a root document; its signatures are not checked yet. */
    public static TrustRoot parse(String document) throws TrustException {
        if (document == null || document.length() > MAX_DOCUMENT) {
            throw new TrustException("it is empty or larger than " + MAX_DOCUMENT / 1024 + " KiB");
        }
        try {
            JsonNode outer = MAPPER.readTree(document);
            String signedPart = outer.path("signed").asText("");
            JsonNode signed = MAPPER.readTree(Base64.getUrlDecoder().decode(signedPart));
            if (signed == null || !outer.path("signatures").isArray()) {
                throw new TrustException("it has no signed part or no signatures");
            }
            return new TrustRoot(document, signed, signedPart, outer.path("signatures"));
        } catch (TrustException e) {
            throw e;
        } catch (Exception e) {
            throw new TrustException("it is not a root document: " + e.getClass().getSimpleName());
        }
    }

    /** The pinned root: signed by a threshold of its own root keys. */
    public TrustRoot selfSigned() throws TrustException {
        if (signers(this) < thresholds.get(ROOT)) {
            throw new TrustException("version " + version + " is not signed by its own root keys");
        }
        return this;
    }

    /**
     * The next root, believed only when it is version {@code version + 1} of the same vendor, signed
     * by a threshold of this root's root keys and by a threshold of its own.
     */
    public TrustRoot next(String document) throws TrustException {
        TrustRoot next = parse(document);
        if (!vendor.equals(next.vendor)) {
            throw new TrustException("version " + next.version + " is of another vendor, " + next.vendor);
        }
        if (next.version != version + 1) {
            throw new TrustException("version " + next.version + " came where version " + (version + 1)
                    + " was asked for: a skipped or reused version");
        }
        if (next.signers(this) < thresholds.get(ROOT)) {
            throw new TrustException("version " + next.version + " is not signed by the root keys of version " + version);
        }
        if (next.signers(next) < next.thresholds.get(ROOT)) {
            throw new TrustException("version " + next.version + " is not signed by its own root keys");
        }
        return next;
    }

    /** kid → key of the keys trusted for {@code role} (license, catalog). */
    public Map<String, PublicKey> keys(String role) {
        Map<String, PublicKey> of = new LinkedHashMap<>();
        for (String id : roleKeys.getOrDefault(role, List.of())) {
            of.put(id, keys.get(id));
        }
        return of;
    }

    public boolean expired(long now) {
        return expiresAt <= now;
    }

    /** How many distinct root keys of {@code by} made a valid signature of this document. */
    private int signers(TrustRoot by) {
        Set<String> valid = new HashSet<>();
        for (JsonNode sig : signatures) {
            String kid = sig.path("keyid").asText("");
            if (!by.roleKeys.get(ROOT).contains(kid) || valid.contains(kid)) {
                continue;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(by.keys.get(kid));
                verifier.update(signedPart.getBytes(StandardCharsets.US_ASCII));
                if (verifier.verify(Base64.getUrlDecoder().decode(sig.path("sig").asText("")))) {
                    valid.add(kid);
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // Not a valid signature: it does not count.
            }
        }
        return valid.size();
    }

    /** A key whose id is not derived from it could stand for another: the id must be ed25519-(SHA-256 of the SPKI)[0..8]. */
    private static PublicKey key(String kid, String spki) throws TrustException {
        try {
            byte[] der = Base64.getUrlDecoder().decode(spki);
            String derived = "ed25519-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 16);
            if (!derived.equals(kid)) {
                throw new TrustException("key id " + kid + " does not belong to its key");
            }
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (TrustException e) {
            throw e;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TrustException("key " + kid + " is not an Ed25519 public key");
        }
    }
}
