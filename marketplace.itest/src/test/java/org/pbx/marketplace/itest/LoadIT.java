package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pbx.marketplace.api.LicenseService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Load: 50 clients read the license and the catalog over real HTTP for 60 s while one thread
 * refreshes the license, another installs and removes a free module, and halfway through an
 * admin starts a trial and changes a setting. Every answer must be a success, no update may be
 * lost, and the heap after GC at the end must be within 10 % of the heap after GC at the start
 * (measured after a warm-up run, so class loading and caches are in the start figure).
 *
 * <p>{@code -Dmarketplace.load.seconds=N} (default 60) and {@code -Dmarketplace.load.warmupSeconds=N}
 * (default 10) shorten it while developing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoadIT extends MarketplaceTestSupport {

    private static final String API = "/api/marketplace/v1";
    private static final String WEATHER = "org.pbx.demo.weather";
    private static final String TRIAL = "call-recording-pro";
    private static final String LICENSE_PID = "org.pbx.marketplace.license";
    private static final int CLIENTS = 50;
    /** The heap after GC at the end may differ from the start by this much. */
    private static final double HEAP_TOLERANCE = 0.10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAST_CHECK = Pattern.compile("\"lastCheckAt\"\\s*:\\s*(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern STEP = Pattern.compile("\"step\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @Inject
    LicenseService license;

    @Inject
    ConfigurationAdmin configAdmin;

    @Test
    public void fiftyClientsWhileTheLicenseRefreshesAndAModuleComesAndGoes() throws Exception {
        int seconds = Integer.getInteger("marketplace.load.seconds", 60);
        int warmup = Integer.getInteger("marketplace.load.warmupSeconds", 10);

        HttpResponse<String> registered = api("POST", "/registration", "{\"companyName\":\"Load Co\","
                + "\"email\":\"load@example.com\",\"contactName\":\"Ivan Petrov\",\"companyId\":\"7707083893\"}");
        assertEquals(registered.body(), 201, registered.statusCode());
        HttpResponse<String> catalog = api("POST", "/catalog/refresh", null);
        assertEquals(catalog.body(), 200, catalog.statusCode());
        assertTrue("the demo catalog offers " + WEATHER, catalog.body().contains("\"" + WEATHER + "\""));
        assertNull(WEATHER + " is not installed before the run", installedBundle(WEATHER));

        // The warm-up: the same load, so the start figure holds the loaded classes, JIT and pools.
        // Both runs exist before the start figure and live to the end figure.
        Run warm = new Run(warmup, false);
        Run run = new Run(seconds, true);
        warm.go();
        warm.assertClean();
        long heapStart = heapAfterGc();

        run.go();
        long heapEnd = heapAfterGc();

        String summary = String.format("LoadIT: %d clients, %d s: GET /license %d (p99 %.1f ms, max %.1f ms), "
                        + "GET /modules %d (p99 %.1f ms, max %.1f ms), refreshes %d, installs %d, uninstalls %d, "
                        + "errors %d (warm-up %d s: %d requests); answers %s; heap after GC start %.1f MiB, end %.1f MiB (%+.1f %%)",
                CLIENTS, seconds, run.license.count(), run.license.percentileMillis(0.99), run.license.maxMillis(),
                run.modules.count(), run.modules.percentileMillis(0.99), run.modules.maxMillis(),
                run.refreshes.get(), run.installs.get(), run.uninstalls.get(), run.errors.size(),
                warmup, warm.license.count() + warm.modules.count(), new java.util.TreeMap<>(run.statusCounts),
                heapStart / 1048576.0, heapEnd / 1048576.0, 100.0 * (heapEnd - heapStart) / heapStart);
        System.out.println(summary);

        run.assertClean();
        assertTrue("the readers were busy: " + summary, run.license.count() >= CLIENTS && run.modules.count() >= CLIENTS);
        assertTrue("the license was refreshed more than once: " + summary, run.refreshes.get() > 1);
        assertTrue("the module came and went more than once: " + summary, run.installs.get() > 1 && run.uninstalls.get() > 1);

        // No lost update: the last refresh, the last operation, the trial and the setting all stand.
        JsonNode after = JSON.readTree(api("GET", "/license", null).body());
        assertEquals("the license shows the last refresh's check: " + after, run.lastCheckAt.get(), after.path("lastCheckAt").asLong());
        assertTrue("the trial started during the run is on the license: " + after,
                after.path("products").findValuesAsText("id").contains(TRIAL));
        assertTrue("its feature is available", license.isFeatureAvailable("call-recording"));
        Dictionary<String, Object> config = configAdmin.getConfiguration(LICENSE_PID, "?").getProperties();
        assertEquals("the setting written during the run", 14, ((Number) config.get("requestTimeoutSeconds")).intValue());
        assertEquals("the key in the configuration", revealedKey(), config.get("licenseKey"));
        JsonNode module = JSON.readTree(api("GET", "/modules/" + WEATHER, null).body());
        if (run.lastOperationWasInstall) {
            assertNotNull("installed, as the last operation left it", installedBundle(WEATHER));
            assertEquals(Bundle.ACTIVE, installedBundle(WEATHER).getState());
            assertEquals("the catalog shows it installed: " + module, "1.0.0", module.path("installedVersion").asText());
        } else {
            assertNull("removed, as the last operation left it", installedBundle(WEATHER));
            assertTrue("the catalog shows it not installed: " + module, module.path("installedVersion").isNull());
        }

        double growth = (double) (heapEnd - heapStart) / heapStart;
        assertTrue("the heap after GC stays within 10 % of the start: " + summary, Math.abs(growth) <= HEAP_TOLERANCE);
    }

    /** One load run: the readers, the refresher, the installer and (in the measured run) the admin. */
    private final class Run {
        final int seconds;
        final boolean admin;
        final Latencies license = new Latencies();
        final Latencies modules = new Latencies();
        final AtomicLong refreshes = new AtomicLong();
        final AtomicLong installs = new AtomicLong();
        final AtomicLong uninstalls = new AtomicLong();
        /** lastCheckAt of the last refresh's answer. */
        final AtomicLong lastCheckAt = new AtomicLong();
        /** When (nanoTime) the trial's answer came back; every license read sent later must show it. */
        final AtomicLong trialStartedAt = new AtomicLong(Long.MAX_VALUE);
        final List<String> errors = new CopyOnWriteArrayList<>();
        final Map<String, Long> statusCounts = new ConcurrentHashMap<>();
        volatile boolean lastOperationWasInstall;
        private volatile long deadline;

        Run(int seconds, boolean admin) {
            this.seconds = seconds;
            this.admin = admin;
        }

        void go() throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                boolean readsLicense = i % 2 == 0;
                threads.add(thread("load-client-" + i, readsLicense ? this::readLicense : this::readModules));
            }
            threads.add(thread("load-refresher", this::refresh));
            threads.add(thread("load-installer", this::installAndRemove));
            if (admin) {
                threads.add(thread("load-admin", this::adminHalfway));
            }
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                // The installer finishes the operation it started; an operation is bounded by TIMEOUT.
                thread.join(TimeUnit.SECONDS.toMillis(seconds) + 2 * TIMEOUT.toMillis());
                if (thread.isAlive()) {
                    fail(thread.getName() + " still running " + (2 * TIMEOUT.toSeconds()) + " s after the end of the run");
                }
            }
        }

        void assertClean() {
            assertTrue("every answer a success; status counts " + statusCounts + ", first errors: "
                    + errors.subList(0, Math.min(10, errors.size())), errors.isEmpty());
        }

        private boolean running() {
            return System.nanoTime() < deadline && errors.size() < 100;
        }

        private Thread thread(String name, Runnable body) {
            Thread thread = new Thread(() -> {
                try {
                    body.run();
                } catch (RuntimeException | AssertionError e) {
                    errors.add(name + ": " + e);
                }
            }, name);
            thread.setDaemon(true);
            return thread;
        }

        private void readLicense() {
            long seen = 0;
            while (running()) {
                long sent = System.nanoTime();
                HttpResponse<String> answer = timed(license, "GET", "/license", null);
                if (answer == null) {
                    continue;
                }
                long checked = lastCheckAt(answer.body());
                if (checked < seen) {
                    errors.add("GET /license went back in time: lastCheckAt " + checked + " after " + seen);
                }
                seen = checked;
                if (sent > trialStartedAt.get() && !answer.body().contains("\"" + TRIAL + "\"")) {
                    errors.add("GET /license sent after the trial started lost it: " + answer.body());
                }
            }
        }

        private void readModules() {
            while (running()) {
                HttpResponse<String> answer = timed(modules, "GET", "/modules", null);
                if (answer != null && !answer.body().contains("\"" + WEATHER + "\"")) {
                    errors.add("GET /modules without " + WEATHER + ": " + answer.body());
                }
            }
        }

        private void refresh() {
            long previous = 0;
            while (running()) {
                HttpResponse<String> answer = checked("POST", "/license/refresh", null);
                if (answer == null) {
                    continue;
                }
                long checked = lastCheckAt(answer.body());
                if (!answer.body().contains("\"status\":\"ACTIVE\"") || checked < previous) {
                    errors.add("refresh after lastCheckAt " + previous + ": " + answer.body());
                }
                previous = checked;
                lastCheckAt.set(checked);
                refreshes.incrementAndGet();
            }
        }

        private void installAndRemove() {
            while (running()) {
                boolean install = installedBundle(WEATHER) == null;
                HttpResponse<String> started = install
                        ? checked("POST", "/modules/" + WEATHER + "/install", "{}")
                        : checked("DELETE", "/modules/" + WEATHER, null);
                if (started == null) {
                    continue;
                }
                String operation = API + "/operations/" + match(ID, started.body());
                String[] state = new String[1];
                await((install ? "install" : "removal") + " of " + WEATHER + " to finish", () -> {
                    HttpResponse<String> now = get(operation);
                    state[0] = now.statusCode() + " " + now.body();
                    return now.statusCode() != 200 || !"RUNNING".equals(match(STATE, now.body()));
                });
                if (!state[0].startsWith("200 ") || !"SUCCEEDED".equals(match(STATE, state[0]))
                        || !"DONE".equals(match(STEP, state[0]))) {
                    errors.add((install ? "install" : "uninstall") + " did not succeed: " + state[0]);
                    continue;
                }
                Bundle bundle = installedBundle(WEATHER);
                if (install ? bundle == null || bundle.getState() != Bundle.ACTIVE : bundle != null) {
                    errors.add((install ? "installed" : "removed") + ", yet the bundle is " + bundle);
                }
                lastOperationWasInstall = install;
                (install ? installs : uninstalls).incrementAndGet();
            }
        }

        /** Halfway: a trial started and a setting changed while everything else runs. */
        private void adminHalfway() {
            try {
                // Not a synchronisation: the admin acts at a point in time, whatever the others do.
                TimeUnit.NANOSECONDS.sleep(deadline - TimeUnit.SECONDS.toNanos(seconds) / 2 - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!running()) {
                return;
            }
            HttpResponse<String> trial = checked("POST", "/license/trials", "{\"productId\":\"" + TRIAL + "\"}");
            if (trial != null) {
                trialStartedAt.set(System.nanoTime());
                if (!trial.body().contains("\"" + TRIAL + "\"")) {
                    errors.add("the trial's answer lacks the product: " + trial.body());
                }
            }
            try {
                Configuration configuration = configAdmin.getConfiguration(LICENSE_PID, "?");
                Dictionary<String, Object> props = configuration.getProperties();
                props.put("requestTimeoutSeconds", 14);
                configuration.update(props);
            } catch (java.io.IOException e) {
                errors.add("the configuration could not be written: " + e);
            }
        }

        /** A request whose latency counts; null (and an error noted) unless it succeeded. */
        private HttpResponse<String> timed(Latencies latencies, String method, String path, String body) {
            long start = System.nanoTime();
            HttpResponse<String> answer = checked(method, path, body);
            if (answer != null) {
                latencies.add(System.nanoTime() - start);
            }
            return answer;
        }

        private HttpResponse<String> checked(String method, String path, String body) {
            try {
                HttpResponse<String> answer = api(method, path, body);
                statusCounts.merge(method + " " + path.replace(WEATHER, "{id}") + " " + answer.statusCode(), 1L, Long::sum);
                if (answer.statusCode() / 100 != 2) {
                    errors.add(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
                    return null;
                }
                return answer;
            } catch (RuntimeException e) {
                errors.add(method + " " + path + ": " + e);
                return null;
            }
        }
    }

    /**
     * Latencies in log-scaled buckets 2 % wide (1 µs to over 60 s in 1,000 counters), so the
     * run adds nothing to the heap however many requests it makes.
     */
    private static final class Latencies {
        private static final double WIDTH = 1.02;
        private final AtomicLongArray buckets = new AtomicLongArray(1000);
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong max = new AtomicLong();

        void add(long nanos) {
            int bucket = (int) (Math.log(Math.max(1, nanos / 1000.0)) / Math.log(WIDTH));
            buckets.incrementAndGet(Math.min(buckets.length() - 1, bucket));
            count.incrementAndGet();
            max.accumulateAndGet(nanos, Math::max);
        }

        long count() {
            return count.get();
        }

        /** The upper bound of the bucket that holds the given rank. */
        double percentileMillis(double fraction) {
            long rank = (long) Math.ceil(fraction * count.get());
            long seen = 0;
            for (int i = 0; i < buckets.length(); i++) {
                seen += buckets.get(i);
                if (seen >= rank && seen > 0) {
                    return Math.pow(WIDTH, i + 1) / 1000.0;
                }
            }
            return 0;
        }

        double maxMillis() {
            return max.get() / 1e6;
        }
    }

    /** An API call as the page makes it (admin login, the API's header), with a JSON body if given. */
    private HttpResponse<String> api(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + API + path)).header("Accept-Language", "en");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request);
    }

    /**
     * The used heap after full collections, once two readings in a row agree within 1 % (at
     * most ten collections): what the runtime holds on to, not garbage waiting for the collector.
     */
    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = -1;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (previous >= 0 && Math.abs(used - previous) <= used / 100) {
                return Math.min(used, previous);
            }
            previous = used;
        }
        return previous;
    }

    private static long lastCheckAt(String license) {
        String value = match(LAST_CHECK, license);
        return value == null ? -1 : Long.parseLong(value);
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
