package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's data folder and Config Admin's folder (felix.cm.dir, whose files hold the license key
 * and the admin password) are owner-only before the framework starts, also when an older host left
 * the config folder open.
 */
class DataFolderModesTest {

    @TempDir
    Path temp;

    @Test
    void aFreshDataFolderAndItsConfigFolderAreOwnerOnly() throws Exception {
        Path data = temp.resolve("pbx-data");
        Launcher.prepareDataFolder(data);
        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(data.resolve("config")));
        assertEquals(data.resolve("config").toString(), Launcher.frameworkProperties(data).get("felix.cm.dir"));
    }

    @Test
    void anOpenConfigFolderOfAnOlderHostIsClosedBeforeConfigAdminStarts() throws Exception {
        Path config = Files.createDirectories(temp.resolve("pbx-data").resolve("config"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwxr-xr-x"));
        Launcher.prepareDataFolder(config.getParent());
        assertEquals("rwx------", mode(config));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
