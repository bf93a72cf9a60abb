package org.pbx.marketplace.bench.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Set-up, not measured as load: every PBX of the fleet registers once (POST /v1/registrations),
 * each from a loopback address of its own, as PBXs on their own networks would (so a per-address
 * registration throttle sees one registration per address). The license keys are kept beside
 * the database they were issued by, so a rerun on the same database registers nobody.
 */
final class Registration {
    private static final int CONNECTIONS = 16;
    private static final int ATTEMPTS = 3;

    /** How many registered now (0 when all came from the file), in how long. */
    record Done(int registered, double seconds) {
    }

    private Registration() {
    }

    /**
     * Gives every PBX a license key: from the keys file where it names this PBX's installation id
     * (lines "installationId licenseKey"), else by registering it now.
     */
    static Done ensure(List<Pbx> fleet, Path keysFile, List<InetSocketAddress> nodes) throws Exception {
        List<String> known = Files.exists(keysFile) ? Files.readAllLines(keysFile, StandardCharsets.US_ASCII) : List.of();
        List<Pbx> missing = new ArrayList<>();
        for (Pbx pbx : fleet) {
            String[] line = pbx.index < known.size() ? known.get(pbx.index).split(" ") : new String[0];
            if (line.length == 2 && line[0].equals(pbx.id)) {
                pbx.licenseKey = line[1];
            } else {
                missing.add(pbx);
            }
        }
        if (missing.isEmpty()) {
            return new Done(0, 0);
        }
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            InetSocketAddress node = nodes.get(c % nodes.size());
            threads.add(Load.daemon("fleet-register-" + c, () -> {
                Requests requests = new Requests("127.0.0.1:" + node.getPort());
                for (int i = next.getAndIncrement(); i < missing.size() && failure.get() == null; i = next.getAndIncrement()) {
                    try {
                        register(missing.get(i), requests, node);
                        if ((i + 1) % 5000 == 0) {
                            FleetBench.log(String.format("registered %,d of %,d (%.0f s)", i + 1, missing.size(), (System.nanoTime() - start) / 1e9));
                        }
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, "PBX " + missing.get(i).index + ": " + e.getMessage());
                    }
                }
            }));
        }
        // 100,000 at a few dozen a second on a busy machine: bounded, but generously.
        Load.joinAll(threads, Math.max(600_000, missing.size() * 100L));
        double seconds = (System.nanoTime() - start) / 1e9;
        // Kept also after a failure: the keys issued so far are bound, and a rerun registers only the rest.
        List<String> keys = new ArrayList<>(Math.max(known.size(), fleet.size()));
        for (int i = 0; i < Math.max(known.size(), fleet.size()); i++) {
            Pbx pbx = i < fleet.size() ? fleet.get(i) : null;
            keys.add(pbx != null && pbx.licenseKey != null ? pbx.id + " " + pbx.licenseKey : i < known.size() ? known.get(i) : "-");
        }
        Path temp = keysFile.resolveSibling(keysFile.getFileName() + ".tmp");
        Files.write(temp, keys, StandardCharsets.US_ASCII);
        Files.move(temp, keysFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (failure.get() != null) {
            throw new IOException("registration failed: " + failure.get());
        }
        return new Done(missing.size(), seconds);
    }

    static void register(Pbx pbx, Requests requests, InetSocketAddress node) throws IOException {
        String last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Wire wire = new Wire(node, sourceAddress(pbx.index), Load.TIMEOUT_MILLIS)) {
                Wire.Answer answer = wire.exchange(requests.register(pbx, System.currentTimeMillis() / 1000).bytes());
                if (answer.status() == 201) {
                    pbx.licenseKey = TokenCheck.JSON.readTree(answer.body()).path("licenseKey").asText();
                    return;
                }
                last = "HTTP " + answer.status() + " " + answer.text();
            } catch (IOException e) {
                last = e.toString();
            }
        }
        throw new IOException(last);
    }

    /** 127.a.b.c, a different one for each of the first 3.9 million PBXs (all of 127/8 is loopback). */
    static InetAddress sourceAddress(int index) throws UnknownHostException {
        int a = 10 + index / 62_500;
        int b = index / 250 % 250 + 1;
        int c = index % 250 + 1;
        return InetAddress.getByAddress(new byte[] {127, (byte) a, (byte) b, (byte) c});
    }
}
