package org.pbx.marketplace.bench.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.pbx.marketplace.bench.Row;

import com.fasterxml.jackson.databind.JsonNode;

/** One set-up (its nodes already up) measured at one fleet size: saturation, half load, the burst. */
final class SetupRun {
    /** A real validate: its signing string and the token that answered it (the baseline signs the same sizes). */
    record Sample(String signingString, String token) {
    }

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger NEW_PBX = new AtomicInteger(new SecureRandom().nextInt(1_000_000));

    private final FleetSettings settings;
    private final String name;
    private final List<ServerProcess> nodes;
    private final List<InetSocketAddress> addresses;
    private final PgStats pg;
    private final List<Row> rows;
    private final Requests requests;
    private final TokenCheck check;
    private final String downloadPath;
    private final long downloadSize;
    /** The nodes' CPU seconds during the last closed-loop round (its signing beforehand not included). */
    private double lastRoundCpu;

    SetupRun(FleetSettings settings, String name, List<ServerProcess> nodes, PgStats pg, List<Row> rows) throws IOException {
        this.settings = settings;
        this.name = name;
        this.nodes = nodes;
        this.addresses = nodes.stream().map(ServerProcess::address).toList();
        this.pg = pg;
        this.rows = rows;
        // Every node listens on its own port; the Host header names the first (the server does not route by it).
        this.requests = new Requests("127.0.0.1:" + nodes.get(0).port);
        try (Wire wire = new Wire(addresses.get(0), null, Load.TIMEOUT_MILLIS)) {
            this.check = TokenCheck.of(wire.exchange(requests.get("/v1/keys")));
            JsonNode free = freeRelease(wire.exchange(requests.get("/v1/catalog")));
            this.downloadPath = free == null ? null : free.path("path").asText();
            this.downloadSize = free == null ? -1 : free.path("size").asLong();
        }
    }

    /** The first release of a free module in the signed catalog, or null (no demo data). */
    private static JsonNode freeRelease(Wire.Answer catalog) throws IOException {
        if (catalog.status() != 200) {
            return null;
        }
        JsonNode payload = TokenCheck.JSON.readTree(Base64.getUrlDecoder().decode(catalog.text().split("\\.")[1]));
        for (JsonNode module : payload.path("modules")) {
            if (!module.path("commercial").asBoolean() && module.path("releases").size() > 0) {
                return module.path("releases").get(0);
            }
        }
        return null;
    }

    Sample sampleValidate(Pbx pbx) throws IOException {
        long now = System.currentTimeMillis() / 1000;
        Requests.Signed signed = requests.validate(pbx, now);
        try (Wire wire = new Wire(addresses.get(0), null, Load.TIMEOUT_MILLIS)) {
            Wire.Answer answer = wire.exchange(signed.bytes());
            if (answer.status() != 200 || !check.valid(answer.text(), pbx, signed.nonce(), now)) {
                throw new IOException("validate of a registered PBX: HTTP " + answer.status() + " " + answer.text());
            }
            String raw = new String(signed.bytes(), StandardCharsets.UTF_8);
            byte[] body = raw.substring(raw.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
            String signing = "POST\n" + Requests.VALIDATE + "\n" + now + "\n" + HexFormat.of().formatHex(Pbx.sha256(body));
            return new Sample(signing, answer.text());
        }
    }

    /**
     * @param baseline the server's verify + sign (BouncyCastle), warmed up; one round of it runs before each
     *                 saturation round, so both see the machine's load of that moment
     */
    void measure(List<Pbx> fleet, Ed25519Baseline baseline) throws Exception {
        String prefix = String.format("fleet %,d · %s", fleet.size(), name);
        FleetBench.log(prefix + ": saturation ...");
        double expected = closedRound(fleet, settings.warmupSeconds, 1000).perSecond();
        double[] rates = new double[settings.rounds];
        double[] bases = new double[settings.rounds];
        double[] ratios = new double[settings.rounds];
        long failed = 0;
        double serverCpu = 0;
        double serverSeconds = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        ConnectionWatch watch = new ConnectionWatch(pg);
        try {
            for (int r = 0; r < settings.rounds; r++) {
                bases[r] = baseline.serverRound(threads, settings.baselineSeconds * 1000L);
                Load.Closed round = closedRound(fleet, settings.roundSeconds, expected);
                serverCpu += lastRoundCpu;
                serverSeconds += round.seconds();
                ratios[r] = round.perSecond() / bases[r];
                rates[r] = round.perSecond();
                expected = Math.max(expected, rates[r]);
                failed += round.failed();
            }
        } finally {
            watch.stop();
        }
        double cores = serverCpu / serverSeconds;
        double rate = Stats.mean(rates);
        double error = Stats.stdev(rates);
        String connections = pg == null ? "database connections n/a (embedded H2, not visible outside the process)"
                : String.format("PostgreSQL connections max %d (pg_stat_activity), nonce table %,d rows", watch.max(), pg.nonces());
        double ratio = Stats.mean(ratios);
        rows.add(new Row(String.format("%s: validations/s at saturation (closed loop, %d connections, %d × %d s, each after a %d s baseline round)",
                prefix, settings.clients, settings.rounds, settings.roundSeconds, settings.baselineSeconds),
                String.format("%,.0f ± %,.0f /s (%d failed; server CPU %.2f cores; %s; validations alone for %,.0f PBXs at 2 a day)",
                        rate, error, failed, cores, connections, rate * 43_200),
                String.format("%,.0f ± %,.0f /s (the server's Ed25519 verify + sign alone, BouncyCastle, %d threads, the rounds between)", Stats.mean(bases),
                        Stats.stdev(bases), threads),
                String.format("%.2f× ± %.2f", ratio, Stats.stdev(ratios)),
                "≥ 0.5× baseline", ratio >= 0.5 && failed == 0));

        FleetBench.log(prefix + ": half load ...");
        halfLoad(prefix, fleet, rate / 2);

        FleetBench.log(prefix + ": burst ...");
        int burstSize = (int) Math.max(1, Math.round(fleet.size() / settings.burstScale));
        Burst.Result b = Burst.run(fleet.subList(0, burstSize), settings.burstScale, addresses, requests, check);
        boolean ok = b.valid() == b.pbxs() && b.refused() == 0 && b.unanswered() == 0;
        rows.add(new Row(String.format("%s: burst after an outage, scaled 1:%.0f: %,d PBXs' retries due within %.0f s (the full fleet's rate: %,d over %.0f s)",
                prefix, settings.burstScale, b.pbxs(), b.windowSeconds(), fleet.size(), Burst.WINDOW_SECONDS),
                String.format("all answered %.1f s after the first came due; wait p99 %.2f s, max %.2f s; %,d valid tokens, %d refused, %d unanswered, %d retries",
                        b.allAnsweredSeconds(), b.p99WaitSeconds(), b.maxWaitSeconds(), b.valid(), b.refused(), b.unanswered(), b.retries()),
                String.format("window %.0f s", b.windowSeconds()), Row.ratio(b.allAnsweredSeconds(), b.windowSeconds()),
                "every PBX a valid token, none lost", ok));
    }

    /** @param expected validations/s the pool of pre-signed requests is sized for (half again; past it, signed on the spot) */
    private Load.Closed closedRound(List<Pbx> fleet, int seconds, double expected) throws InterruptedException {
        Presigned pool = Presigned.validations(requests, fleet, (int) (1.5 * expected * seconds) + 1000);
        double cpuBefore = cpu();
        Load.Closed closed = Load.closed(addresses, settings.clients, seconds * 1000L, (wire, i) -> {
            Requests.Signed signed = pool.get(i);
            Wire.Answer answer = wire.exchange(signed.bytes());
            return answer.status() == 200 && answer.contentType().startsWith("application/jose");
        });
        lastRoundCpu = cpu() - cpuBefore;
        return closed;
    }

    /** Validations at a fixed arrival rate; timestamp checks, downloads and new registrations beside them. */
    private void halfLoad(String prefix, List<Pbx> fleet, double rate) throws Exception {
        long millis = settings.openSeconds * 1000L;
        Presigned pool = Presigned.validations(requests, fleet, (int) Math.ceil(rate * settings.openSeconds) + 1);
        AtomicReference<Load.Open> validations = new AtomicReference<>();
        AtomicReference<Load.Open> stamps = new AtomicReference<>();
        AtomicReference<Load.Open> downloads = new AtomicReference<>();
        AtomicReference<Load.Open> registrations = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> streams = new ArrayList<>();
        streams.add(stream(failure, () -> validations.set(Load.open(addresses, rate, millis, settings.openWorkers, (wire, i) -> {
            Wire.Answer answer = wire.exchange(pool.get(i).bytes());
            return answer.status() == 200 && answer.contentType().startsWith("application/jose");
        }))));
        byte[] stamp = requests.get(Requests.TIMESTAMP);
        streams.add(stream(failure, () -> stamps.set(Load.open(addresses, settings.timestampRate, millis, 8,
                (wire, i) -> wire.exchange(stamp).status() == 200))));
        if (downloadPath != null) {
            byte[] download = requests.get(downloadPath);
            streams.add(stream(failure, () -> downloads.set(Load.open(addresses, settings.downloadRate, millis, 4, (wire, i) -> {
                Wire.Answer answer = wire.exchange(download);
                return answer.status() == 200 && answer.body().length == downloadSize;
            }))));
        }
        streams.add(stream(failure, () -> registrations.set(Load.open(addresses, settings.registrationRate, millis, 4, (wire, i) -> {
            Pbx fresh = newPbx();
            Registration.register(fresh, requests, addresses.get((int) (i % addresses.size())));
            return true;
        }))));
        Load.joinAll(streams, millis + 2L * Load.TIMEOUT_MILLIS + 10_000);
        if (failure.get() != null) {
            throw failure.get();
        }
        Load.Open v = validations.get();
        String others = String.format("beside: timestamp %.0f/s p99 %.1f ms, %s, registration %.0f/s p99 %.1f ms",
                settings.timestampRate, stamps.get().percentileMillis(99),
                downloads.get() == null ? "no download (no free module in the catalog)"
                        : String.format("download %.0f/s p99 %.1f ms", settings.downloadRate, downloads.get().percentileMillis(99)),
                settings.registrationRate, registrations.get().percentileMillis(99));
        long otherFailed = stamps.get().failed() + registrations.get().failed() + (downloads.get() == null ? 0 : downloads.get().failed());
        double p99 = v.percentileMillis(99);
        rows.add(new Row(String.format("%s: validate latency at 50 %% (open loop, %,.0f/s for %d s, from the due time)", prefix, rate, settings.openSeconds),
                String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d of %,d answered, %d failed; %s; %d of those failed)",
                        v.percentileMillis(50), p99, v.percentileMillis(100), v.latencies().length, v.scheduled(), v.failed(), others, otherFailed),
                "—", "—", "p99 ≤ 50 ms", p99 <= 50 && v.failed() == 0 && v.latencies().length == v.scheduled()));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread stream(AtomicReference<Exception> failure, Body body) {
        return Load.daemon("fleet-stream", () -> {
            try {
                body.run();
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** A PBX that joins the fleet now: a key pair made on the spot (BouncyCastle: it is only the load generator). */
    private static Pbx newPbx() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);
        byte[] spki = new byte[44];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, 12);
        key.generatePublicKey().encode(spki, 12);
        return new Pbx(1_000_000 + NEW_PBX.incrementAndGet() % 1_000_000, key.getEncoded(), spki);
    }

    private double cpu() {
        return nodes.stream().mapToDouble(ServerProcess::cpuSeconds).sum();
    }
}
