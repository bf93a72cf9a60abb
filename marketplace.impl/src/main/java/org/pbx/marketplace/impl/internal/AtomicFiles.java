package org.pbx.marketplace.impl.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Files that a crash (a SIGKILL, a power cut) leaves with their old content or their new one, never
 * torn: the license store, the installer's journal and the module jars kept for rollbacks. Each is
 * created owner-only (rw-------, its new folders rwx------): license.json holds the full key.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Temp file, fsync, atomic rename over the target, fsync of the folder. */
    public static void write(Path target, byte[] bytes) throws IOException {
        OwnerOnly.createFolders(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        // A temp file left by a crash keeps whatever mode it had: start a new one, owner-only from its first byte.
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnly.file())) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(target.getParent());
    }

    /** Makes a rename or a delete in {@code folder} durable, where the file system allows it. */
    public static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems can't sync a folder; the rename itself is still atomic.
        }
    }
}
