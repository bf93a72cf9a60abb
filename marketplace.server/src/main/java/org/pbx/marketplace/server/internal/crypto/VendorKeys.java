package org.pbx.marketplace.server.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.pbx.marketplace.server.internal.AtomicFiles;

/**
 * The vendor's Ed25519 signing key, kept as two files in the data folder so a restart signs with
 * the same key clients pinned. The kid is derived from the public key, so it cannot drift from it.
 */
public final class VendorKeys {
    private static final String PRIVATE_FILE = "vendor-ed25519.pk8";
    private static final String PUBLIC_FILE = "vendor-ed25519.spki";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Ed25519.PrivateKey privateKey;
    private final Ed25519.PublicKey publicKey;
    private final String kid;

    private VendorKeys(Ed25519.PrivateKey privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.publicKey();
        this.kid = kidOf(publicKey.spki());
    }

    /** kid = "ed25519-" + the first 8 bytes of SHA-256 of the SPKI DER, in hex. */
    public static String kidOf(byte[] spki) {
        return "ed25519-" + Codec.sha256Hex(spki).substring(0, 16);
    }

    /** A signing key made or read elsewhere (the trust roots' role keys). */
    public static VendorKeys of(Ed25519.PrivateKey privateKey) {
        return new VendorKeys(privateKey);
    }

    /** The private key, for the trust roots to keep it beside the other role keys. */
    Ed25519.PrivateKey privateKey() {
        return privateKey;
    }

    public static VendorKeys loadOrCreate(Path keyDir) {
        try {
            createKeyFolder(keyDir);
            Path priv = keyDir.resolve(PRIVATE_FILE);
            Path pub = keyDir.resolve(PUBLIC_FILE);
            if (Files.exists(priv) && Files.exists(pub)) {
                return read(priv, pub);
            }
            Ed25519.PrivateKey fresh = Ed25519.generate();
            AtomicFiles.write(priv, fresh.pkcs8(), true);
            AtomicFiles.write(pub, fresh.publicKey().spki(), false);
            return new VendorKeys(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VendorKeys read(Path priv, Path pub) throws IOException {
        VendorKeys keys;
        byte[] published;
        try {
            keys = new VendorKeys(Ed25519.privateKey(Files.readAllBytes(priv)));
            published = Ed25519.publicKey(Files.readAllBytes(pub)).spki();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the vendor key files in " + priv.getParent() + " are unreadable: " + e.getMessage(), e);
        }
        // Clients pin the published half: signing with another key would fail at every PBX, so refuse to start.
        if (!Arrays.equals(published, keys.publicKey.spki())) {
            throw new IllegalStateException(pub + " is not the public half of " + priv
                    + ": restore the pair from a backup (PBXs pin the key that " + pub.getFileName() + " names)");
        }
        return keys;
    }

    /** The key folder, owner-only (rwx------) when this creates it. */
    static void createKeyFolder(Path keyDir) throws IOException {
        if (!Files.isDirectory(keyDir)) {
            if (POSIX) {
                Files.createDirectories(keyDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(keyDir);
            }
        }
    }

    /** The signature of {@code message} with the vendor's key. */
    public byte[] sign(byte[] message) { return privateKey.sign(message); }
    /** The public key's SubjectPublicKeyInfo DER, as GET /v1/keys publishes it. */
    public byte[] spki() { return publicKey.spki(); }
    public String kid() { return kid; }

    /** kid → base64url SPKI, the body of GET /v1/keys. */
    public Map<String, String> published() {
        return Map.of(kid, Codec.b64(publicKey.spki()));
    }
}
