package org.pbx.marketplace.host;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Prints one line with the Marketplace page's URL once the web server runs and the page's
 * servlet is registered and the Marketplace's REST API answers (the JAX-RS whiteboard serves it
 * seconds after the page's servlet), so an admin (or a script) knows when to open the browser. With
 * the demo vendor on board (marketplace.server installed), also once its trust root is pinned, so
 * the catalog follows within moments of the line.
 */
final class ReadyReporter implements ServiceListener {

    private static final String RUNTIME = "(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)";
    private static final String PAGES = "(osgi.http.whiteboard.servlet.name=marketplace-pages)";
    /** DemoRootPin's registration in marketplace.server. */
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(60);
    private static final String DEMO_PINNED = "(marketplace.demo.vendor=pinned)";

    private final BundleContext context;
    private final String authorization;
    private final AtomicBoolean reported = new AtomicBoolean();

    private ReadyReporter(BundleContext context, String authorization) {
        this.context = context;
        this.authorization = authorization;
    }

    /** @param adminPassword the host's admin password: the probe asks the API as the admin's browser will */
    static void watch(BundleContext context, String adminPassword) throws InvalidSyntaxException {
        String authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("admin:" + adminPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        context.addServiceListener(new ReadyReporter(context, authorization), "(|" + RUNTIME + PAGES + DEMO_PINNED + ")");
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() != ServiceEvent.REGISTERED || reported.get()) {
            return;
        }
        try {
            ServiceReference<?>[] runtime = context.getServiceReferences((String) null, RUNTIME);
            ServiceReference<?>[] pages = context.getServiceReferences((String) null, PAGES);
            boolean demoReady = !hasDemoVendor() || context.getServiceReferences((String) null, DEMO_PINNED) != null;
            if (runtime != null && pages != null && demoReady && reported.compareAndSet(false, true)) {
                context.removeServiceListener(this);
                String page = pageUrl(runtime[0]);
                Thread probe = new Thread(() -> reportWhenServed(page, authorization), "pbx-host-ready");
                probe.setDaemon(true);
                probe.start();
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the line once GET /api/marketplace/v1/about answers the admin (200), at most a minute on. */
    private static void reportWhenServed(String page, String authorization) {
        URI about = URI.create(page.replace("/marketplace/", "/api/marketplace/v1/about"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + PROBE_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int status = http.send(HttpRequest.newBuilder(about).timeout(Duration.ofSeconds(10))
                        .header("Authorization", authorization).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    System.out.println("PBX host ready: open " + page + " (Ctrl-C stops it)");
                    return;
                }
                // The probe's pace while the whiteboard is still adding the API.
                Thread.sleep(25);
            } catch (IOException e) {
                // Not listening yet: the next try.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.out.println("PBX host started, but its REST API did not answer within " + PROBE_LIMIT.toSeconds()
                + " s: open " + page + " and see the log (Ctrl-C stops it)");
    }

    private boolean hasDemoVendor() {
        for (org.osgi.framework.Bundle bundle : context.getBundles()) {
            if ("marketplace.server".equals(bundle.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }

    private static String pageUrl(ServiceReference<?> runtime) {
        Object endpoint = runtime.getProperty("osgi.http.endpoint");
        String first = endpoint instanceof String[] ? ((String[]) endpoint)[0]
                : endpoint instanceof Collection ? String.valueOf(((Collection<?>) endpoint).iterator().next())
                : String.valueOf(endpoint);
        // Jetty announces whichever interface address it found; the admin types localhost.
        return "http://localhost:" + URI.create(first).getPort() + "/marketplace/";
    }
}
