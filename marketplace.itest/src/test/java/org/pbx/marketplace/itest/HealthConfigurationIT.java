package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The health check servlet's configuration is shipped declaratively: marketplace.shell carries it as a
 * Felix Configurator resource (OSGI-INF/configurator/marketplace-health.json, policy "default"), no code
 * writes it, and an operator's edit survives what a restart does to the Configurator and the bundle, and an
 * update of the bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HealthConfigurationIT extends MarketplaceTestSupport {

    private static final String FACTORY_PID = "org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet";
    private static final String NAME = "marketplace";
    private static final String RESOURCE = "OSGI-INF/configurator/marketplace-health.json";
    private static final String CONFIGURATOR = "org.apache.felix.configurator";

    @Inject
    ConfigurationAdmin configAdmin;

    @Test
    public void theServletConfigurationComesFromTheConfigurator() throws Exception {
        Bundle shell = installedBundle("marketplace.shell");
        assertNotNull("marketplace.shell ships " + RESOURCE, shell.getEntry(RESOURCE));
        BundleWiring wiring = shell.adapt(BundleWiring.class);
        boolean wired = wiring.getRequiredWires("osgi.extender").stream().map(BundleWire::getCapability)
                .anyMatch(c -> "osgi.configurator".equals(c.getAttributes().get("osgi.extender")));
        assertTrue("marketplace.shell is wired to the Configurator as its extender", wired);
        Dictionary<String, Object> props = awaitServletConfiguration();
        assertEquals("/system/health", props.get("servletPath"));
        assertEquals("behind the admin login", "marketplace-admin", props.get("servletContextName"));
        assertEquals("no CORS header", "", props.get("cors.accessControlAllowOrigin"));
        await("the servlet at /system/health", () -> get("/system/health.json").statusCode() != 404);
    }

    @Test
    public void anOperatorsEditIsKeptAcrossRestartsAndUpdates() throws Exception {
        awaitServletConfiguration();
        Configuration servlet = configAdmin.getFactoryConfiguration(FACTORY_PID, NAME, "?");
        Dictionary<String, Object> props = servlet.getProperties();
        props.put("servletPath", "/system/operator-health");
        servlet.update(props);
        await("the servlet at the operator's path", () -> get("/system/operator-health.json").statusCode() != 404);

        // What a framework restart does to them: the Configurator starts again (with the state it keeps) and
        // finds the bundle that ships the configuration.
        Bundle shell = installedBundle("marketplace.shell");
        Bundle configurator = installedBundle(CONFIGURATOR);
        shell.stop();
        configurator.stop();
        configurator.start();
        shell.start();
        // And a new build of the bundle installed over it (an update): the Configurator reads its resource
        // again, and its policy "default" leaves a configuration that someone else changed alone.
        shell.update();
        // The Configurator works through the bundles it finds in order: once a bundle started after these
        // has its configuration applied, marketplace.shell's resource was processed too.
        Bundle marker = context.installBundle("itest:configurator-marker", new ByteArrayInputStream(markerBundle()));
        try {
            marker.start();
            await("the Configurator to apply a bundle started after marketplace.shell",
                    () -> configuration("itest.configurator.marker") != null);
        } finally {
            marker.uninstall();
        }

        assertEquals("the operator's edit is kept", "/system/operator-health",
                configAdmin.getFactoryConfiguration(FACTORY_PID, NAME, "?").getProperties().get("servletPath"));
        await("the servlet still at the operator's path", () -> get("/system/operator-health.json").statusCode() != 404);
    }

    private Dictionary<String, Object> awaitServletConfiguration() {
        await("the Configurator to apply " + FACTORY_PID + "~" + NAME,
                () -> configuration(FACTORY_PID + "~" + NAME) != null);
        return configuration(FACTORY_PID + "~" + NAME);
    }

    /** The properties of the configuration with that PID, or null when there is none (never creates one). */
    private Dictionary<String, Object> configuration(String pid) {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null ? null : found[0].getProperties();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A bundle with only a Configurator resource, wired to the Configurator like marketplace.shell. */
    private static byte[] markerBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "itest.configurator.marker");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(osgi.extender=osgi.configurator)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("OSGI-INF/configurator/marker.json"));
            jar.write("{\":configurator:resource-version\": 1, \"itest.configurator.marker\": {\"applied\": true}}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
