package com.example.callnotes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import javax.inject.Inject;
import javax.servlet.Servlet;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.UrlProvisionOption;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.testing.FakeLicenseService;
import org.pbx.marketplace.testing.FeatureConditions;

import com.example.callnotes.api.CallNotes;

/**
 * The module in a real Felix with SCR: its page comes and goes with the feature's condition, which
 * the kit's FeatureConditions publishes and withdraws as the Marketplace would.
 */
@RunWith(PaxExam.class)
public class CallNotesIT {

    private static final long TIMEOUT_MS = 30_000;
    /** The page servlet's name (its osgi.http.whiteboard.servlet.name). */
    private static final String PAGE = "com.example.callnotes.page";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(junitBundles(), cleanCaches(true),
                // The HTTP Whiteboard on a free loopback port (the page's annotations require a whiteboard).
                frameworkProperty("org.osgi.service.http.port").value(String.valueOf(freePort())),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                frameworkProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"),
                // Logging first, as in the PBX: every other bundle then finds its slf4j provider.
                file("bundle.spifly").startLevel(1), file("bundle.slf4j").startLevel(1),
                file("bundle.slf4j.simple").startLevel(1),
                file("bundle.fileupload"), file("bundle.io"), file("bundle.http"), file("bundle.function"), file("bundle.promise"), file("bundle.ds"), file("bundle.scr"),
                file("bundle.servlet"), file("bundle.api"), file("bundle.testing"),
                // The library the PBX installs from the catalog with the module.
                file("bundle.gson"), file("module.bundle"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UrlProvisionOption file(String property) {
        return bundle(new File(System.getProperty(property)).toURI().toString());
    }

    @Test
    public void thePageFollowsTheFeatureCondition() throws Exception {
        ServiceRegistration<LicenseService> license = context.registerService(LicenseService.class,
                new FakeLicenseService(), null);
        try (FeatureConditions conditions = new FeatureConditions(context)) {
            assertNull("no page before the feature is licensed", page(0));

            conditions.publish(CallNotes.FEATURE);
            assertNotNull("the page after the condition marketplace.feature.call-notes", page(TIMEOUT_MS));

            conditions.withdraw(CallNotes.FEATURE);
            assertNull("no page once the feature is withdrawn", page(0));
        } finally {
            license.unregister();
        }
    }

    @Test
    public void notesFollowTheFakeLicensesState() throws Exception {
        FakeLicenseService license = new FakeLicenseService();
        try (FakeLicenseService.Registration registered = license.register(context)) {
            CallNotes notes = service(CallNotes.class);
            license.licensed(CallNotes.FEATURE);
            notes.add("call-7", "wants a quote");
            assertEquals(List.of("wants a quote"), notes.notes("call-7"));
            assertNotNull("the page, as the registered fake publishes the feature's condition", page(TIMEOUT_MS));
            license.remove(CallNotes.FEATURE);
            assertNull(page(0));
        }
    }

    /** The page's Servlet service, waiting at most waitMs for it; null if it is not there. */
    private Servlet page(long waitMs) throws Exception {
        Filter filter = FrameworkUtil.createFilter("(&(objectClass=" + Servlet.class.getName()
                + ")(osgi.http.whiteboard.servlet.name=" + PAGE + "))");
        ServiceTracker<Servlet, Servlet> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        try {
            return waitMs == 0 ? tracker.getService() : tracker.waitForService(waitMs);
        } finally {
            tracker.close();
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT_MS);
        if (service == null) {
            throw new AssertionError(type.getName() + " did not come up within " + TIMEOUT_MS + " ms");
        }
        return service;
    }
}
