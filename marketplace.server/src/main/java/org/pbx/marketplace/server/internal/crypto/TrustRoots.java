package org.pbx.marketplace.server.internal.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pbx.marketplace.server.internal.AtomicFiles;
import org.pbx.marketplace.server.internal.http.Json;

/**
 * The vendor's trust roots (docs/protocol.md §3.3), as TUF's root.json: each version names the keys that
 * may sign license answers ("license"), the catalog ("catalog") and the next root ("root"). Version N+1 is
 * signed by root N's root keys and by its own, so a PBX that pinned any version walks forward to the newest.
 * Kept in the data folder: {@code keys/trust/roots/N.json} and the private keys {@code keys/trust/keys/KID.pk8}
 * (mode 600). Version 1 is made on the first start; its license key is the server's original
 * {@code vendor-ed25519} key, so a server that signed before roots existed keeps its kid.
 */
public final class TrustRoots {
    public static final String ROOT = "root";
    public static final String LICENSE = "license";
    public static final String CATALOG = "catalog";
    public static final List<String> ROLES = List.of(ROOT, LICENSE, CATALOG);
    /** How long a root is valid: the vendor publishes a renewed one well before (admin "root renew"). */
    public static final Duration LIFETIME = Duration.ofDays(365);

    private final Path roots;
    private final Path keys;
    private final Clock clock;
    /** kid → private key, of every key this server holds. */
    private final Map<String, VendorKeys> held = new LinkedHashMap<>();
    private volatile String latestJson;
    private volatile JsonNode latest;

    private TrustRoots(Path dir, Clock clock) {
        this.roots = dir.resolve("roots");
        this.keys = dir.resolve("keys");
        this.clock = clock;
    }

    /** Reads the roots and keys under {@code keyDir/trust}; makes version 1 if there is none. */
    public static TrustRoots loadOrCreate(Path keyDir, VendorKeys original, Clock clock) {
        TrustRoots trust = new TrustRoots(keyDir.resolve("trust"), clock);
        try {
            Files.createDirectories(trust.roots);
            Files.createDirectories(trust.keys);
            try (Stream<Path> files = Files.list(trust.keys)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".pk8"))::iterator) {
                    VendorKeys key = VendorKeys.of(Ed25519.privateKey(Files.readAllBytes(file)));
                    trust.held.put(key.kid(), key);
                }
            }
            long newest = trust.newestOnDisk();
            if (newest == 0) {
                trust.hold(original);
                VendorKeys root = trust.hold(VendorKeys.of(Ed25519.generate()));
                VendorKeys catalog = trust.hold(VendorKeys.of(Ed25519.generate()));
                Map<String, List<String>> roles = new LinkedHashMap<>();
                roles.put(ROOT, List.of(root.kid()));
                roles.put(LICENSE, List.of(original.kid()));
                roles.put(CATALOG, List.of(catalog.kid()));
                trust.publish("vendor-" + root.kid().substring("ed25519-".length()), 1, roles, List.of(root));
            } else {
                trust.latestJson = Files.readString(trust.roots.resolve(newest + ".json"), StandardCharsets.UTF_8);
                trust.latest = signed(trust.latestJson);
            }
            return trust;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signed payload of a root document. */
    static JsonNode signed(String document) {
        ObjectNode outer = Json.parseTrusted(document);
        return Json.parseTrusted(new String(Codec.unb64(outer.path("signed").asText()), StandardCharsets.UTF_8));
    }

    private long newestOnDisk() throws IOException {
        long newest = 0;
        try (Stream<Path> files = Files.list(roots)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.matches("[1-9][0-9]{0,17}\\.json")) {
                    newest = Math.max(newest, Long.parseLong(name.substring(0, name.length() - 5)));
                }
            }
        }
        return newest;
    }

    private VendorKeys hold(VendorKeys key) throws IOException {
        Path file = keys.resolve(key.kid() + ".pk8");
        if (!Files.exists(file)) {
            AtomicFiles.write(file, key.privateKey().pkcs8(), true);
        }
        held.put(key.kid(), key);
        return key;
    }

    /** The key that signs documents of {@code role} (license or catalog) now: the newest root's first of that role. */
    public VendorKeys signer(String role) {
        for (JsonNode kid : latest.path("roles").path(role).path("keyids")) {
            VendorKeys key = held.get(kid.asText());
            if (key != null) {
                return key;
            }
        }
        throw new IllegalStateException("the server holds no private key of the " + role + " role of root version "
                + version() + " (keys/trust/keys): restore the keys from a backup");
    }

    public long version() {
        return latest.path("version").asLong();
    }

    /** Root document {@code version} as served at GET /v1/root/{version}.json, or null when there is none. */
    public String document(long version) {
        if (version < 1 || version > version()) {
            return null;
        }
        if (version == version()) {
            return latestJson;
        }
        try {
            return Files.readString(roots.resolve(version + ".json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The signed part of the newest root, for the admin API to show. */
    public JsonNode latest() {
        return latest;
    }

    /** kid → base64url SPKI of the keys that sign license answers and catalogs now (GET /v1/keys, informative). */
    public Map<String, String> published() {
        Map<String, String> published = new LinkedHashMap<>();
        for (String role : List.of(LICENSE, CATALOG)) {
            VendorKeys key = signer(role);
            published.put(key.kid(), Codec.b64(key.spki()));
        }
        return published;
    }

    /** A new version with the same keys and a fresh expiry. */
    public synchronized JsonNode renew() {
        return next(roles(), List.of());
    }

    /** A new version in which a fresh key replaces every key of {@code role}; the old keys are no longer trusted. */
    public synchronized JsonNode rotate(String role) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES);
        }
        Map<String, List<String>> roles = roles();
        VendorKeys fresh = VendorKeys.of(Ed25519.generate());
        roles.put(role, List.of(fresh.kid()));
        return next(roles, List.of(fresh));
    }

    /** A new version without key {@code kid} in any role; a role left without keys gets a fresh one. */
    public synchronized JsonNode revoke(String kid) {
        Map<String, List<String>> roles = roles();
        if (roles.values().stream().noneMatch(ids -> ids.contains(kid))) {
            throw new IllegalArgumentException("key " + kid + " is not in root version " + version());
        }
        List<VendorKeys> fresh = new ArrayList<>();
        for (Map.Entry<String, List<String>> role : roles.entrySet()) {
            List<String> ids = new ArrayList<>(role.getValue());
            ids.remove(kid);
            if (ids.isEmpty()) {
                VendorKeys key = VendorKeys.of(Ed25519.generate());
                fresh.add(key);
                ids.add(key.kid());
            }
            role.setValue(ids);
        }
        return next(roles, fresh);
    }

    private Map<String, List<String>> roles() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (String role : ROLES) {
            List<String> ids = new ArrayList<>();
            latest.path("roles").path(role).path("keyids").forEach(id -> ids.add(id.asText()));
            roles.put(role, ids);
        }
        return roles;
    }

    private JsonNode next(Map<String, List<String>> roles, List<VendorKeys> fresh) {
        try {
            for (VendorKeys key : fresh) {
                hold(key);
            }
            // Signed by the old root keys (a PBX that trusts version N checks them) and by the new ones.
            List<VendorKeys> signers = new ArrayList<>();
            for (String kid : union(roles(), roles).get(ROOT)) {
                VendorKeys key = held.get(kid);
                if (key != null) {
                    signers.add(key);
                }
            }
            return publish(latest.path("vendor").asText(), version() + 1, roles, signers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> union(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String role : ROLES) {
            List<String> ids = new ArrayList<>(a.getOrDefault(role, List.of()));
            b.getOrDefault(role, List.of()).stream().filter(id -> !ids.contains(id)).forEach(ids::add);
            all.put(role, ids);
        }
        return all;
    }

    private JsonNode publish(String vendor, long version, Map<String, List<String>> roles, List<VendorKeys> signers)
            throws IOException {
        ObjectNode signed = Json.object();
        signed.put("type", "pbx-root");
        signed.put("vendor", vendor);
        signed.put("version", version);
        signed.put("expires", clock.instant().plus(LIFETIME).getEpochSecond());
        ObjectNode keyNode = signed.putObject("keys");
        ObjectNode roleNode = signed.putObject("roles");
        for (Map.Entry<String, List<String>> role : roles.entrySet()) {
            ObjectNode r = roleNode.putObject(role.getKey());
            ArrayNode ids = r.putArray("keyids");
            for (String kid : role.getValue()) {
                ids.add(kid);
                keyNode.put(kid, Codec.b64(held.get(kid).spki()));
            }
            r.put("threshold", 1);
        }
        String payload = Codec.b64(Json.bytes(signed));
        ObjectNode document = Json.object();
        document.put("signed", payload);
        ArrayNode signatures = document.putArray("signatures");
        for (VendorKeys key : signers) {
            ObjectNode sig = signatures.addObject();
            sig.put("keyid", key.kid());
            sig.put("sig", Codec.b64(key.sign(payload.getBytes(StandardCharsets.US_ASCII))));
        }
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        AtomicFiles.write(roots.resolve(version + ".json"), json.getBytes(StandardCharsets.UTF_8), false);
        latestJson = json;
        latest = signed;
        return signed;
    }
}
