package org.pbx.marketplace.impl.internal.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This PBX's Ed25519 key pair: it signs every request made for the installation, and its public
 * key names the installation at the vendor, so a license key alone never moves a binding.
 */
public final class InstallationIdentity {

    static final String KEY_HEADER = "X-Pbx-Installation-Key";
    static final String TIME_HEADER = "X-Pbx-Timestamp";
    static final String SIGNATURE_HEADER = "X-Pbx-Signature";

    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final String id;

    private InstallationIdentity(PrivateKey privateKey, byte[] publicKey) throws GeneralSecurityException {
        this.privateKey = privateKey;
        this.publicKey = publicKey.clone();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
        this.id = HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
    }

    /** Loads the key pair from {@code dir}, making one (readable by its owner alone) on first use. */
    public static InstallationIdentity loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
        Path privateFile = dir.resolve("installation.key");
        Path publicFile = dir.resolve("installation.pub");
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
            byte[] pub = Files.readAllBytes(publicFile);
            factory.generatePublic(new X509EncodedKeySpec(pub));
            return new InstallationIdentity(priv, pub);
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        org.pbx.marketplace.impl.internal.OwnerOnly.createFolders(dir);
        // Crash-safe and owner-only from the first byte: a torn private key would cost the installation its identity.
        org.pbx.marketplace.impl.internal.AtomicFiles.write(privateFile, pair.getPrivate().getEncoded());
        org.pbx.marketplace.impl.internal.AtomicFiles.write(publicFile, pair.getPublic().getEncoded());
        return new InstallationIdentity(pair.getPrivate(), pair.getPublic().getEncoded());
    }

    /** The installation id the vendor derives from our public key. */
    public String id() {
        return id;
    }

    /** The public key as X.509 SubjectPublicKeyInfo DER. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The headers that sign one request: path relative to the server's base URL, with its query. */
    public Map<String, String> sign(String method, String path, long epochSeconds, byte[] body) {
        try {
            String signed = method + "\n" + path + "\n" + epochSeconds + "\n"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(signed.getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            headers.put(KEY_HEADER, b64.encodeToString(publicKey));
            headers.put(TIME_HEADER, Long.toString(epochSeconds));
            headers.put(SIGNATURE_HEADER, b64.encodeToString(signature.sign()));
            return headers;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Signs a document (an offline activation request) with the installation key.
     *
     * @return the Ed25519 signature
     */
    public byte[] signBytes(byte[] content) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
