package org.pbx.marketplace.host;

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
 * The demo host's admin password, one for the Marketplace pages and the Felix Web Console, so the
 * console never runs with Felix's well-known default. Kept in the file the Marketplace's login
 * reads ({@code <data>/marketplace-admin.password}, owner-readable only); made on first start.
 */
final class AdminSecret {

    static final String FILE_NAME = "marketplace-admin.password";

    private AdminSecret() {
    }

    static String loadOrCreate(Path data) throws IOException {
        Path file = data.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        byte[] random = new byte[15];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        System.out.println("PBX host: generated password for the user admin (Marketplace and /system/console): "
                + password + " (kept in " + file + ")");
        return password;
    }
}
