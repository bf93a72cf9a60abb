package org.pbx.marketplace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Map;

import org.pbx.marketplace.server.internal.catalog.CatalogDocuments;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;
import org.pbx.marketplace.server.internal.crypto.TrustRoots;
import org.pbx.marketplace.server.internal.crypto.VendorKeys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The vendor side of every benchmark: the reference server's own key handling and signer, so
 * what the PBX verifies is byte for byte what the server would send (docs/protocol.md §4).
 */
public final class Vendor {

    /** The license key every benchmark's token carries (format of §6.1). */
    public static final String LICENSE_KEY = "MKT-BENCH-AAAAA-BBBBB-CCCCC";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final VendorKeys keys;
    private final JwsSigner signer;
    private final Path dir;

    private Vendor(VendorKeys keys, Path dir) {
        this.keys = keys;
        this.signer = new JwsSigner(keys);
        this.dir = dir;
    }

    /** The vendor's trust root version 1, as a PBX maker ships it: its license key is this vendor's key. */
    public String trustRoot() {
        return TrustRoots.loadOrCreate(dir, keys, java.time.Clock.systemUTC()).document(1);
    }

    /** System property naming a folder the benchmark forks share, so keys and big catalogs are made once. */
    public static final String SHARED = "marketplace.bench.data";

    /** A fresh Ed25519 vendor key pair in {@code dir}, as the server makes on its first start. */
    public static Vendor create(Path dir) {
        return new Vendor(VendorKeys.loadOrCreate(dir), dir);
    }

    /** The vendor of the whole run: its keys in the shared folder, made by the first fork that asks. */
    public static Vendor shared() throws IOException {
        return create(sharedDir().resolve("vendor"));
    }

    private static Path sharedDir() throws IOException {
        String dir = System.getProperty(SHARED);
        return dir == null ? Files.createTempDirectory("bench-vendor") : Path.of(dir);
    }

    /** kid → public key, as a PBX pins them. */
    public Map<String, PublicKey> pinned() {
        return Map.of(keys.kid(), publicKey());
    }

    /** kid → base64url SPKI, as GET /v1/keys publishes them. */
    public Map<String, String> published() {
        return keys.published();
    }

    /** The vendor's public key as the PBX holds it (the JDK's, from the SPKI the server publishes). */
    public PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(keys.spki()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of §4.1 for {@code installationId}, valid for a day, granting {@code features}. */
    public String licenseToken(String installationId, long nowSeconds, String... features) {
        ObjectNode p = NODES.objectNode();
        p.put("type", JwsSigner.LICENSE);
        p.put("iat", nowSeconds);
        p.put("exp", nowSeconds + 86_400);
        p.put("nonce", "k3J9c0xZ1mQ2vT8wYp4aBg");
        p.put("installationId", installationId);
        p.put("serial", 1);
        p.put("licenseKey", LICENSE_KEY);
        p.put("offlineUntil", nowSeconds + 7 * 86_400);
        p.putObject("owner").put("companyName", "ООО «Ромашка»").put("contactName", "Ivan Petrov")
                .put("email", "owner@example.com").put("phone", "+7 (495) 123-45-67").put("companyId", "7707083893");
        ObjectNode product = p.putArray("products").addObject();
        product.put("id", "pbx-marketplace").put("trial", false).put("expiresAt", nowSeconds + 365 * 86_400);
        product.putObject("name").put("en", "PBX Marketplace").put("ru", "Маркетплейс АТС");
        ArrayNode granted = p.putArray("features");
        for (String feature : features) {
            granted.addObject().put("id", feature).put("expiresAt", nowSeconds + 365 * 86_400).put("seats", 10).put("seatsUsed", 0);
        }
        p.putObject("modules").put("org.pbx.demo.recording", "call-recording").put("org.pbx.demo.crm", "crm-connector");
        return signer.sign(p);
    }

    /** The signed catalog (§4.3) of {@code count} modules, as CatalogPublisher signs it; kept in the shared folder. */
    public String catalog(int count, long nowSeconds) throws IOException {
        Path file = sharedDir().resolve("catalog-" + count + ".jws");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        String jws = CatalogDocuments.sign(signer, CatalogModules.of(count), 1, nowSeconds, Duration.ofDays(1)).catalog();
        Files.writeString(file, jws, StandardCharsets.US_ASCII);
        return jws;
    }
}
