package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Felix Config Admin's folder is owner-only before the key is written into it (its files keep the default mode). */
class ConfigAdminStoreTest {

    @TempDir
    Path temp;

    @Test
    void anOpenFolderIsClosedAndAMissingOneCreatedClosed() throws Exception {
        Path open = Files.createDirectory(temp.resolve("config"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
        ConfigAdminStore.closeToOthers(open);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));

        Path missing = temp.resolve("data/config");
        ConfigAdminStore.closeToOthers(missing);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(missing)));
    }
}
