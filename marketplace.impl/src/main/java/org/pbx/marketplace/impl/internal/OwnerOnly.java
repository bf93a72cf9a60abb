package org.pbx.marketplace.impl.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and folders readable by their owner only from the moment they exist: the permissions are
 * given at creation, never set afterwards, so no other account can open them in between.
 */
public final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** rw------- where the file system has POSIX permissions; none elsewhere (the folder's own ACL protects it). */
    public static FileAttribute<?>[] file() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** rwx------ where the file system has POSIX permissions. */
    public static FileAttribute<?>[] folder() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    /** Creates the folder (and missing parents) owner-only; an existing folder is left as it is. */
    public static Path createFolders(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, folder());
        }
        return folder;
    }
}
