package org.pbx.marketplace.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.condition.Condition;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;

/** The publisher and the fake in a real Felix: the registry holds exactly the conditions the Marketplace would. */
class FeatureConditionsTest {

    @TempDir
    Path storage;
    private Framework framework;
    private BundleContext context;

    @BeforeEach
    void start() throws Exception {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void publishesAndWithdrawsTheFeatureAndLicensedConditions() throws Exception {
        try (FeatureConditions conditions = new FeatureConditions(context)) {
            conditions.publish("call-recording").publish("call-recording");
            assertEquals(Set.of("marketplace.licensed", "marketplace.feature.call-recording"), conditionIds());
            ServiceReference<?> feature = context.getServiceReferences(Condition.class,
                    "(osgi.condition.id=marketplace.feature.call-recording)").iterator().next();
            assertEquals("call-recording", feature.getProperty("marketplace.feature.id"));
            conditions.withdraw("call-recording");
            assertEquals(Set.of("marketplace.licensed"), conditionIds());
            conditions.publish("crm-connector");
        }
        assertEquals(Set.of(), conditionIds());
    }

    @Test
    void theRegisteredFakeKeepsItsConditionsInStep() throws Exception {
        FakeLicenseService license = new FakeLicenseService();
        try (FakeLicenseService.Registration registration = license.register(context)) {
            assertEquals(Set.of(), conditionIds());
            assertEquals(license, context.getService(context.getServiceReference(LicenseService.class)));
            license.licensed("call-recording", "crm-connector");
            assertEquals(Set.of("marketplace.licensed", "marketplace.feature.call-recording",
                    "marketplace.feature.crm-connector"), conditionIds());
            license.remove("crm-connector");
            assertEquals(Set.of("marketplace.licensed", "marketplace.feature.call-recording"), conditionIds());
            license.status(LicenseStatus.EXPIRED);
            assertEquals(Set.of(), conditionIds());
            license.status(LicenseStatus.GRACE);
            assertEquals(Set.of("marketplace.licensed", "marketplace.feature.call-recording"), conditionIds());
        }
        assertEquals(Set.of(), conditionIds());
        assertNull(context.getServiceReference(LicenseService.class));
    }

    @Test
    void aMissingContextOrFeatureIsSaidPlainly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeatureConditions(null));
        assertEquals("a BundleContext is needed: the test bundle's (e.g. @Inject BundleContext)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureConditions(context).publish(" "));
    }

    private Set<String> conditionIds() throws Exception {
        Set<String> ids = new TreeSet<>();
        ServiceReference<?>[] refs = context.getAllServiceReferences(Condition.class.getName(), null);
        Arrays.stream(refs == null ? new ServiceReference<?>[0] : refs)
                .map(r -> (String) r.getProperty(Condition.CONDITION_ID))
                // The framework registers osgi.condition.id=true itself (OSGi Core R8).
                .filter(id -> !"true".equals(id))
                .forEach(ids::add);
        return ids;
    }
}
