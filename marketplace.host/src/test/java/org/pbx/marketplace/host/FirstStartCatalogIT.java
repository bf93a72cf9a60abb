package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.testsupport.HostProcess;
import org.pbx.marketplace.testsupport.AdminClient;

/**
 * Issue 15's first-start bound, as a newcomer meets it: from the moment the demo host prints its ready
 * line, GET /api/marketplace/v1/modules lists the demo vendor's catalog within 2 seconds (it used to
 * show "not received yet" for about 15 s: the first fetch failed before the vendor's keys were there and
 * the retry came 15 s later). Each round is a first start on a fresh data folder; -Dcatalog.rounds=5
 * prints five timings.
 */
class FirstStartCatalogIT {

    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void theCatalogIsListedWithinTwoSecondsOfTheReadyLine() throws Exception {
        int rounds = Integer.getInteger("catalog.rounds", 1);
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Path data = Files.createTempDirectory("first-start");
            try (HostProcess host = HostProcess.start(data)) {
                host.await("the generated admin password", line -> line.startsWith("PBX host: generated password"));
                // The client is made (and its first request made) before the line: only the host is measured.
                AdminClient admin = new AdminClient(host.port, data);
                try {
                    admin.status("/");
                } catch (java.io.IOException e) {
                    // Not listening yet; the client is warm all the same.
                }
                host.await("the ready line", line -> line.startsWith("PBX host ready"));
                long ready = System.nanoTime();
                String last;
                boolean listed;
                do {
                    HttpResponse<String> modules = admin.send("GET", "/api/marketplace/v1/modules", null);
                    last = modules.statusCode() + " " + modules.body();
                    listed = modules.statusCode() == 200 && modules.body().contains("\"id\":\"org.pbx.demo.");
                    if (!listed) {
                        // Poll pace of the measurement; the bound below is the deadline.
                        Thread.sleep(20);
                    }
                } while (!listed && System.nanoTime() - ready < BOUND.toNanos());
                long took = (System.nanoTime() - ready) / 1_000_000;
                System.out.println("First start " + (round + 1) + ": ready line → catalog listed in " + took + " ms");
                assertTrue(listed && took <= BOUND.toMillis(), "no catalog within " + BOUND.toSeconds() + " s of the ready line ("
                        + took + " ms); the last answer: " + last + "\n" + host.tail(30));
                millis.add(took);
                host.terminate();
            }
        }
        System.out.println("First start, ready line → catalog listed (ms): " + millis);
    }
}
