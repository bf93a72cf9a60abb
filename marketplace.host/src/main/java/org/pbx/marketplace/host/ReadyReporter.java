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
 * servlet is registered, so an admin (or a script) knows when to open the browser.
 */
final class ReadyReporter implements ServiceListener {

    private static final String RUNTIME = "(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)";
    private static final String PAGES = "(osgi.http.whiteboard.servlet.name=marketplace-pages)";

    private final BundleContext context;
    private final AtomicBoolean reported = new AtomicBoolean();

    private ReadyReporter(BundleContext context) {
        this.context = context;
    }

    static void watch(BundleContext context) throws InvalidSyntaxException {
        context.addServiceListener(new ReadyReporter(context), "(|" + RUNTIME + PAGES + ")");
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() != ServiceEvent.REGISTERED || reported.get()) {
            return;
        }
        try {
            ServiceReference<?>[] runtime = context.getServiceReferences((String) null, RUNTIME);
            ServiceReference<?>[] pages = context.getServiceReferences((String) null, PAGES);
            if (runtime != null && pages != null && reported.compareAndSet(false, true)) {
                System.out.println("PBX host ready: open " + pageUrl(runtime[0]) + " (Ctrl-C stops it)");
                context.removeServiceListener(this);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
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
