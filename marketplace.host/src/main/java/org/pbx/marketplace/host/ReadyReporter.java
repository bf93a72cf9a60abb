package org.pbx.marketplace.host;

import java.net.URI;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Prints one line with the Marketplace page's URL once the web server runs and the page's
 * servlet is registered, so an admin (or a script) knows when to open the browser. With the demo
 * vendor on board (marketplace.server installed), also once its trust root is pinned, so the
 * catalog follows within moments of the line.
 */
final class ReadyReporter implements ServiceListener {

    private static final String RUNTIME = "(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)";
    private static final String PAGES = "(osgi.http.whiteboard.servlet.name=marketplace-pages)";
    /** DemoRootPin's registration in marketplace.server. */
    private static final String DEMO_PINNED = "(marketplace.demo.vendor=pinned)";

    private final BundleContext context;
    private final AtomicBoolean reported = new AtomicBoolean();

    private ReadyReporter(BundleContext context) {
        this.context = context;
    }

    static void watch(BundleContext context) throws InvalidSyntaxException {
        context.addServiceListener(new ReadyReporter(context), "(|" + RUNTIME + PAGES + DEMO_PINNED + ")");
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
                System.out.println("PBX host ready: open " + pageUrl(runtime[0]) + " (Ctrl-C stops it)");
                context.removeServiceListener(this);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
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
