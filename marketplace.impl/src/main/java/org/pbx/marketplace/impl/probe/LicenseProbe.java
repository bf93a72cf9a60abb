package org.pbx.marketplace.impl.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;

import org.osgi.framework.BundleContext;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.internal.license.LicenseFixtures;

/** The license engine as benchmarks and tests reach it (see the package). */
public final class LicenseProbe {

    private LicenseProbe() {
    }

    /**
     * The product's own license service, started without DS from a token stored in {@code dir}, as
     * after a PBX restart; it publishes its gating services into {@code context} and never reaches a server.
     *
     * @param tokenForInstallation the vendor-signed token for the installation id it is given
     */
    public static LicenseService startFromStoredToken(Path dir, BundleContext context, String key,
                                                       Map<String, String> vendorKeys,
                                                       Function<String, String> tokenForInstallation)
            throws IOException, GeneralSecurityException {
        return LicenseFixtures.startFromStoredToken(dir, context, key, vendorKeys, tokenForInstallation);
    }

    /** Stops a license service {@link #startFromStoredToken} started. */
    public static void stop(LicenseService license) {
        LicenseFixtures.stop(license);
    }

    /** The start's check of a stored token: (jws, key) → its feature count; throws if it does not verify. */
    public static ToIntBiFunction<String, String> storedTokenCheck(Map<String, PublicKey> vendorKeys, String installationId) {
        return LicenseFixtures.storedTokenCheck(vendorKeys, installationId);
    }
}
