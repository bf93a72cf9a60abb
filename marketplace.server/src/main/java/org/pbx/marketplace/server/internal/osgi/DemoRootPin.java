package org.pbx.marketplace.server.internal.osgi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pbx.marketplace.server.internal.AtomicFiles;
import org.pbx.marketplace.server.internal.catalog.DevModules;

/**
 * The demo's explicit trust: when this bundle's vendor server runs the demo vendor, the PBX in the same
 * framework is told to trust that vendor's root, once, at first start, by writing its trust root
 * configuration (PID org.pbx.marketplace.trust) as a PBX maker's distribution would, and saying so in the
 * log. Without demo data it does nothing: a real PBX trusts only the root its distribution ships.
 * When done (or not needed) it registers itself with {@value #PINNED} for whoever waits for the demo
 * to be ready (the demo host's ready line).
 */
@Component(service = {}, immediate = true)
public class DemoRootPin {
    /** Service property of this component's registration once the demo vendor's root is pinned. */
    public static final String PINNED = "marketplace.demo.vendor";
    static final String TRUST_PID = "org.pbx.marketplace.trust";
    static final String TRUST_PROPERTY = "pbx.marketplace.trustRoot";
    private static final System.Logger LOG = System.getLogger(DemoRootPin.class.getName());

    private final Thread worker;
    private volatile ServiceRegistration<DemoRootPin> registration;
    private volatile boolean stopped;

    /**
     * Registered once the in-host vendor server has started with demo data ({@link DemoVendor}); the
     * dev modules' publication and Config Admin's write still run on a thread of their own, never on
     * the thread SCR activates this on.
     */
    @Activate
    public DemoRootPin(BundleContext context, @Reference ConfigurationAdmin configAdmin, @Reference DemoVendor vendor) {
        worker = new Thread(() -> pinNow(context, configAdmin, vendor), "marketplace-demo-root-pin");
        worker.setDaemon(true);
        worker.start();
    }

    private void pinNow(BundleContext context, ConfigurationAdmin configAdmin, DemoVendor vendor) {
        try {
            if (stopped) {
                return;
            }
            vendor.publishDevModules(context.getProperty(DevModules.PROPERTY))
                    .forEach(line -> LOG.log(System.Logger.Level.WARNING, line));
            pin(context, configAdmin, vendor.root());
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(PINNED, "pinned");
            synchronized (this) {
                if (!stopped) {
                    registration = context.registerService(DemoRootPin.class, this, props);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "The demo vendor's trust root could not be pinned; the PBX trusts no vendor", e);
        }
    }

    private static void pin(BundleContext context, ConfigurationAdmin configAdmin, String root) throws IOException {
        String data = context.getProperty("pbx.data");
        Path file = (data == null || data.isBlank() ? context.getDataFile("").toPath() : Path.of(data))
                .resolve("demo-vendor-root.json").toAbsolutePath();
        Configuration trust = configAdmin.getConfiguration(TRUST_PID, "?");
        Dictionary<String, Object> props = trust.getProperties();
        Object configured = props == null ? null : props.get("rootFile");
        String property = context.getProperty(TRUST_PROPERTY);
        if (configured != null && !String.valueOf(configured).isBlank() || property != null && !property.isBlank()) {
            if (!file.toString().equals(String.valueOf(configured))) {
                LOG.log(System.Logger.Level.INFO, "A trust root is configured already; the demo vendor's root is not pinned");
            }
            return;
        }
        AtomicFiles.write(file, root.getBytes(StandardCharsets.UTF_8), false);
        Dictionary<String, Object> next = props == null ? new Hashtable<>() : props;
        next.put("rootFile", file.toString());
        trust.update(next);
        LOG.log(System.Logger.Level.WARNING, "DEMO: this PBX now trusts the in-process demo vendor: pinned its trust root"
                + " version 1 (" + file + ", configuration " + TRUST_PID + "). A PBX you ship pins its vendor's root.json instead.");
    }

    @Deactivate
    synchronized void deactivate() {
        stopped = true;
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
