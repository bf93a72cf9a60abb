package org.pbx.marketplace.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * The vendor server's one crash-safe write: a crash (SIGKILL, power cut) leaves a file with its old
 * content or its new one, never torn, and a secret owner-only from its first byte (created so, never
 * chmod-ed after). Keys, trust roots, the catalog source, module jars and the demo vendor's pinned root
 * all go through it.
 */
public final class AtomicFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {
    }

    /** Temp file, fsync, atomic rename over the target, fsync of the folder; a secret's bytes are zeroed after. */
    public static void write(Path target, byte[] bytes, boolean secret) throws IOException {
        Path temp = freshTemp(target);
        try (FileChannel channel = create(temp, secret)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        replace(temp, target);
        if (secret) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The stream's bytes under {@code target}, which gets its name only complete. */
    public static void copy(InputStream in, Path target) throws IOException {
        Path temp = freshTemp(target);
        try (FileChannel channel = create(temp, false)) {
            byte[] chunk = new byte[64 * 1024];
            for (int n; (n = in.read(chunk)) > 0; ) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
        replace(temp, target);
    }

    /** Renames a complete, synced file over {@code target} and makes the rename durable. */
    public static void replace(Path from, Path target) throws IOException {
        try {
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(target.toAbsolutePath().getParent());
    }

    private static Path freshTemp(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        // A temp file left by a crash keeps whatever mode it had: start a new one.
        Files.deleteIfExists(temp);
        return temp;
    }

    private static FileChannel create(Path temp, boolean secret) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = secret && POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return FileChannel.open(temp, options, attributes);
    }

    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems can't sync a folder; the rename itself is still atomic.
        }
    }
}
