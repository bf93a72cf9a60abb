package org.pbx.marketplace.server.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendor's signing key and the AES key of the lost-key vault are owner-only from their first
 * byte (created so, not chmod-ed after), and so is the folder that holds them.
 */
class KeyFileModesTest {

    @TempDir
    Path temp;

    @Test
    void theSigningKeyTheVaultKeyAndTheirFolderAreOwnerOnly() throws Exception {
        Path keys = temp.resolve("keys");
        VendorKeys.loadOrCreate(keys);
        KeyVault.loadOrCreate(keys);
        assertEquals("rwx------", mode(keys));
        assertEquals("rw-------", mode(keys.resolve("vendor-ed25519.pk8")));
        assertEquals("rw-------", mode(keys.resolve("license-keys.aes")));
    }

    @Test
    void aStaleReadableTempFileIsNotReused() throws Exception {
        Path keys = Files.createDirectories(temp.resolve("keys"));
        Path stale = keys.resolve("vendor-ed25519.pk8.tmp");
        Files.write(stale, new byte[] {1});
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-rw-rw-"));
        VendorKeys.loadOrCreate(keys);
        assertEquals("rw-------", mode(keys.resolve("vendor-ed25519.pk8")));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
