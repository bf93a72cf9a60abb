package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin password when none is configured: generated once, kept in a file only its owner can
 * read, so the admin can look it up again and it survives restarts.
 */
final class AdminPassword {

    static final String FILE_NAME = "marketplace-admin.password";

    private final Path file;

    AdminPassword(Path folder) {
        this.file = folder.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The stored password, or null if there is none yet. */
    String stored() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? null : text;
    }

    /**
     * Generates and stores a new password. The file is created with owner-only permissions before
     * anything is written, so the password is never readable by others, not even briefly.
     */
    String generate() throws IOException {
        byte[] random = new byte[15];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the data folder's own permissions protect it.
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // An empty file left by an interrupted start: take it over with owner-only permissions.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return password;
    }
}
