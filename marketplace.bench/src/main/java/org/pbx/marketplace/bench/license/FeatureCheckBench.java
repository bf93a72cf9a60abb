package org.pbx.marketplace.bench.license;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osgi.framework.launch.Framework;
import org.pbx.marketplace.bench.EmbeddedFelix;
import org.pbx.marketplace.bench.Vendor;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.impl.probe.LicenseProbe;

/**
 * Issue 7, "feature check": the engine's lock-free read that modules call on hot paths, against
 * a ConcurrentHashMap holding the same features. BenchMain runs it with 1 and 2 threads and the
 * gc profiler.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeatureCheckBench {

    // Not final, so the JIT can't fold the lookups into constants.
    String licensed = "call-recording";
    String unlicensed = "crm-connector";

    private Framework felix;
    private LicenseService license;
    private ConcurrentHashMap<String, Boolean> baseline;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("bench-feature");
        felix = EmbeddedFelix.start(dir.resolve("felix"), null);
        license = startLicense(dir.resolve("license"), felix.getBundleContext(), Vendor.create(dir.resolve("vendor")),
                "marketplace", licensed);
        baseline = new ConcurrentHashMap<>();
        baseline.put("marketplace", Boolean.TRUE);
        baseline.put(licensed, Boolean.TRUE);
    }

    @TearDown
    public void tearDown() {
        LicenseProbe.stop(license);
        EmbeddedFelix.stop(felix);
    }

    @Benchmark
    public boolean oursLicensed() {
        return license.isFeatureAvailable(licensed);
    }

    @Benchmark
    public boolean oursUnlicensed() {
        return license.isFeatureAvailable(unlicensed);
    }

    @Benchmark
    public boolean baselineLicensed() {
        return baseline.get(licensed) != null;
    }

    @Benchmark
    public boolean baselineUnlicensed() {
        return baseline.get(unlicensed) != null;
    }

    /**
     * The product's license service started from a token the vendor signed for this installation,
     * read back as after a PBX restart (through the impl's test-support export, no DS).
     */
    public static LicenseService startLicense(Path dir, org.osgi.framework.BundleContext context, Vendor vendor,
                                              String... features) throws Exception {
        LicenseService license = LicenseProbe.startFromStoredToken(dir, context, Vendor.LICENSE_KEY, vendor.published(),
                installation -> vendor.licenseToken(installation, System.currentTimeMillis() / 1000, features));
        if (features.length > 0 && !license.isFeatureAvailable(features[0])) {
            throw new IllegalStateException("the engine did not accept the bench token: " + license.license().reason);
        }
        return license;
    }
}
