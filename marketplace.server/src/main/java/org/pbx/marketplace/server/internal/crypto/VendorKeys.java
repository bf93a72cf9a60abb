package org.pbx.marketplace.server.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;

/**
 * The vendor's Ed25519 signing key, kept as two files in the data folder so a restart signs with
 * the same key clients pinned. The kid is derived from the public key, so it cannot drift from it.
 */
public final class VendorKeys {
    private static final String PRIVATE_FILE = "vendor-ed25519.pk8";
    private static final String PUBLIC_FILE = "vendor-ed25519.spki";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String kid;

    private VendorKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.kid = kidOf(publicKey.getEncoded());
    }

    /** kid = "ed25519-" + the first 8 bytes of SHA-256 of the SPKI DER, in hex. */
    public static String kidOf(byte[] spki) {
        return "ed25519-" + Codec.sha256Hex(spki).substring(0, 16);
    }

    public static VendorKeys loadOrCreate(Path keyDir) {
        try {
            Files.createDirectories(keyDir);
            Path priv = keyDir.resolve(PRIVATE_FILE);
            Path pub = keyDir.resolve(PUBLIC_FILE);
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (Files.exists(priv) && Files.exists(pub)) {
                return new VendorKeys(
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))),
                        factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))));
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            writeAtomically(priv, pair.getPrivate().getEncoded(), true);
            writeAtomically(pub, pair.getPublic().getEncoded(), false);
            return new VendorKeys(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the vendor key files are unreadable", e);
        }
    }

    // A crash mid-write must never leave a half key that would silently become a new identity.
    static void writeAtomically(Path target, byte[] bytes, boolean secret) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the folder's own permissions have to protect it.
            }
        }
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Arrays.fill(bytes, (byte) 0);
    }

    public PrivateKey privateKey() { return privateKey; }
    public PublicKey publicKey() { return publicKey; }
    public String kid() { return kid; }

    /** kid → base64url SPKI, the body of GET /v1/keys. */
    public Map<String, String> published() {
        return Map.of(kid, Codec.b64(publicKey.getEncoded()));
    }
}
