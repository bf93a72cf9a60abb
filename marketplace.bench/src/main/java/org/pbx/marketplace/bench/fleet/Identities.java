package org.pbx.marketplace.bench.fleet;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.EdECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fleet's installation identities, made once with the JDK's KeyPairGenerator (what a PBX runs
 * on first start) on all cores and kept in a file under target/, so reruns read them in a moment.
 */
final class Identities {
    private static final int MAGIC = 0x50425846; // "PBXF"

    /** How the list was obtained: (partly) generated, with the time, or read from the cache file. */
    record Loaded(List<Pbx> fleet, boolean generated, long millis) {
    }

    private Identities() {
    }

    static Loaded load(Path file, int count) throws Exception {
        long start = System.nanoTime();
        List<Pbx> cached = Files.exists(file) ? read(file) : List.of();
        if (cached.size() >= count) {
            return new Loaded(cached.subList(0, count), false, (System.nanoTime() - start) / 1_000_000);
        }
        // A larger fleet keeps the PBXs it had (they may be registered already) and adds the rest.
        List<Pbx> all = new ArrayList<>(cached);
        all.addAll(generate(cached.size(), count));
        write(file, all);
        return new Loaded(all, true, (System.nanoTime() - start) / 1_000_000);
    }

    private static List<Pbx> generate(int first, int end) throws Exception {
        int count = end - first;
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Pbx>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = first + (int) ((long) count * t / threads);
                int to = first + (int) ((long) count * (t + 1) / threads);
                parts.add(pool.submit(() -> generateRange(from, to)));
            }
            List<Pbx> all = new ArrayList<>(count);
            for (Future<List<Pbx>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Pbx> generateRange(int from, int to) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        List<Pbx> part = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            KeyPair pair = generator.generateKeyPair();
            byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            part.add(new Pbx(i, seed, pair.getPublic().getEncoded()));
        }
        return part;
    }

    private static List<Pbx> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                return List.of();
            }
            int count = in.readInt();
            List<Pbx> fleet = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] seed = in.readNBytes(32);
                byte[] spki = in.readNBytes(in.readUnsignedByte());
                fleet.add(new Pbx(i, seed, spki));
            }
            return fleet;
        }
    }

    /** Written beside and moved into place, so an interrupted run leaves no half file. */
    private static void write(Path file, List<Pbx> fleet) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(fleet.size());
            for (Pbx pbx : fleet) {
                out.write(pbx.seed);
                out.writeByte(pbx.spki.length);
                out.write(pbx.spki);
            }
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
