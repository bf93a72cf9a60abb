package org.pbx.marketplace.impl.internal.license;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.impl.internal.OwnerOnly;

/**
 * Felix Config Admin's file store, closed to other accounts before the license key goes into it.
 * Felix writes its files with the process's default mode (rw-r--r-- on most systems) and has no
 * setting for it; a runtime that leaves {@code felix.cm.dir} unset (Apache Karaf) keeps them in the
 * Config Admin bundle's data area. Making that folder rwx------ before the first write keeps the key
 * from other accounts from its first byte, whatever the modes of the files inside.
 */
final class ConfigAdminStore {

    private static final String FELIX_CM = "org.apache.felix.configadmin";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private ConfigAdminStore() {
    }

    /**
     * The folder Felix Config Admin stores in: {@code felix.cm.dir} as it reads it, else its data area's
     * {@code config}; null for another Config Admin or one without a data area.
     */
    static Path folder(BundleContext context) {
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        Bundle bundle = reference == null ? null : reference.getBundle();
        BundleContext cm = bundle == null || !FELIX_CM.equals(bundle.getSymbolicName()) ? null : bundle.getBundleContext();
        if (cm == null) {
            return null;
        }
        String dir = cm.getProperty("felix.cm.dir");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir.trim()).toAbsolutePath();
        }
        File data = cm.getDataFile("config");
        return data == null ? null : data.toPath();
    }

    /** Creates the folder owner-only, or makes an existing one so (closing one an older version left open). */
    static void closeToOthers(Path folder) throws IOException {
        if (folder == null || !POSIX) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            OwnerOnly.createFolders(folder);
        } else if (!Files.getPosixFilePermissions(folder).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
        }
    }
}
