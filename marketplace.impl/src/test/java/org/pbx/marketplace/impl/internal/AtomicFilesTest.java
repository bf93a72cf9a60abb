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

    /**
     * One crash-safe write in the bundle: a class renaming a temp file over its target itself skips
     * AtomicFiles' fsync or owner-only mode sooner or later (the installation's private key once did).
     */
    @Test
    void noOtherClassOfTheBundleRenamesFilesItself() throws Exception {
        Path sources = Path.of("src/main/java");
        try (java.util.stream.Stream<Path> files = Files.walk(sources)) {
            java.util.List<String> copies = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("AtomicFiles.java"))
                    .filter(f -> {
                        try {
                            String text = Files.readString(f);
                            return text.contains("ATOMIC_MOVE") || text.contains("Files.move(");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(f -> sources.relativize(f).toString()).sorted().toList();
            assertEquals(java.util.List.of(), copies, "their own crash-safe write instead of AtomicFiles.write");
        }
    }
}
