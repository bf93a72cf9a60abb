package org.pbx.marketplace.server.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.pbx.marketplace.server.internal.AtomicFiles;

/**
 * Keeps license keys recoverable for the lost-key letter without putting them readable in the
 * database: AES-256-GCM with a key held in a file of the data folder (keys/license-keys.aes,
 * mode 600), never in the database. A stolen database alone therefore still reveals no key.
 * The key's hash is the associated data, so a ciphertext copied onto another row fails to open.
 */
public final class KeyVault {
    private static final String FILE = "license-keys.aes";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private KeyVault(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    public static KeyVault loadOrCreate(Path keyDir) {
        try {
            VendorKeys.createKeyFolder(keyDir);
            Path file = keyDir.resolve(FILE);
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length != 32) {
                    throw new IllegalStateException(file + " is not a 256-bit key");
                }
                return new KeyVault(bytes);
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            KeyVault vault = new KeyVault(fresh.clone());
            AtomicFiles.write(file, fresh, true);
            return vault;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** base64url(iv || ciphertext+tag) of the key, bound to its hash. */
    public String seal(String licenseKey, String keyHash) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, keyHash);
            byte[] sealed = cipher.doFinal(licenseKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The key, or null when the value was sealed under another vault key or for another row. */
    public String open(String sealed, String keyHash) {
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed);
            byte[] iv = java.util.Arrays.copyOf(all, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv, keyHash);
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private Cipher cipher(int mode, byte[] iv, String keyHash) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(keyHash.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
