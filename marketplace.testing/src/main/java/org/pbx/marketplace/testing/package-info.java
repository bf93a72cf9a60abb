/**
 * The Marketplace developer kit: what a module's own tests use to switch its gated components on and
 * off without a vendor, a registration or a license key.
 * <ul>
 * <li>{@link org.pbx.marketplace.testing.FeatureConditions} registers and withdraws the
 * {@code marketplace.feature.<id>} and {@code marketplace.licensed} conditions in a framework, as the
 * Marketplace does when a license grants or loses a feature (OSGi tests);</li>
 * <li>{@link org.pbx.marketplace.testing.FakeLicenseService} is a {@code LicenseService} in the state
 * a test chooses (status, features, expiry), for plain unit tests of code that asks
 * {@code isFeatureAvailable} or listens for changes, and for OSGi tests that need the service.</li>
 * </ul>
 * Both are built on the exported {@code org.pbx.marketplace.api} only: what they publish is what a
 * module sees from the real Marketplace.
 */
@Export
@Version("1.0.0")
package org.pbx.marketplace.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
