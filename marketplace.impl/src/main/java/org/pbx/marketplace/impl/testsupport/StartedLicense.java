package org.pbx.marketplace.impl.testsupport;

import java.nio.file.Path;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.internal.license.TestSupportAccess;

/**
 * The real license engine, started without Declarative Services on a folder that holds a stored
 * token, and the real {@link LicenseService} around it: what a PBX has after a restart. Its vendor
 * is unreachable (loopback port 9) and asked no sooner than the configured checks (hours), so the
 * reads are what is measured; an operation that needs the vendor fails as it would offline.
 */
public final class StartedLicense implements AutoCloseable {

    private final TestSupportAccess.Started started;

    private StartedLicense(TestSupportAccess.Started started) {
        this.started = started;
    }

    /**
     * @param folder               the engine's data folder (its installation identity is made here)
     * @param context              where the engine's gating services are registered (a real framework's)
     * @param trustRoot            the vendor's trust root document the PBX ships
     * @param licenseKey           the stored license key
     * @param tokenForInstallation the vendor's signed license token for the installation id it is given
     * @return the started license; check {@link LicenseService#license()} for whether the token was accepted
     * @throws Exception when the folder can't be written
     */
    public static StartedLicense start(Path folder, BundleContext context, String trustRoot, String licenseKey,
                                       Function<String, String> tokenForInstallation) throws Exception {
        return new StartedLicense(TestSupportAccess.start(folder, context, trustRoot, licenseKey, tokenForInstallation));
    }

    /** @return the real service (LicenseServiceImpl around the engine) */
    public LicenseService service() {
        return started.service();
    }

    /** Stops the engine: its scheduler and its gating services. */
    @Override
    public void close() {
        started.stop();
    }
}
