package org.pbx.marketplace.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file the license store and the installer write (license.json with the full key, the
 * journal, kept jars) is owner-only from its first byte, and so is a folder AtomicFiles creates.
 */
class AtomicFilesTest {

    @TempDir
    Path temp;

    @Test
    void aNewFileAndItsNewFolderAreOwnerOnly() throws Exception {
        Path file = temp.resolve("license").resolve("license.json");
        AtomicFiles.write(file, "{\"key\":\"MKT-SECRET\"}".getBytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void aStaleTempFileLeftReadableByACrashDoesNotLendItsMode() throws Exception {
        Path file = temp.resolve("license.json");
        Path stale = temp.resolve("license.json.tmp");
        Files.write(stale, new byte[] {1});
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFiles.write(file, "{\"key\":\"MKT-SECRET\"}".getBytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void overwritingAReadableFileLeavesAnOwnerOnlyOne() throws Exception {
        Path file = temp.resolve("journal.json");
        Files.write(file, new byte[] {1});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(file, new byte[] {2});
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
