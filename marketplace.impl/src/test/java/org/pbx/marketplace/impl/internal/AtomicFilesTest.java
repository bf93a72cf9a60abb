package org.pbx.marketplace.impl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one crash-safe write: whole or not at all, and secrets owner-only from the first byte. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSecretIsOwnerOnlyEvenOverALeftoverTempFileOfOtherPermissions() throws Exception {
        Path key = dir.resolve("installation.key");
        Path temp = dir.resolve("installation.key.tmp");
        Files.write(temp, new byte[] {9});
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFiles.writeOwnerOnly(key, new byte[] {1, 2, 3});

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertFalse(Files.exists(temp));
    }

    @Test
    void aWriteReplacesTheWholeFile() throws Exception {
        Path file = dir.resolve("sub").resolve("journal.json");
        AtomicFiles.write(file, "a longer first content".getBytes());
        AtomicFiles.write(file, "short".getBytes());
        assertEquals("short", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("sub").resolve("journal.json.tmp")));
    }
}
