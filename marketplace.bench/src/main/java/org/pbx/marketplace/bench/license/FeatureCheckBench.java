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
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.bench.EmbeddedFelix;
import org.pbx.marketplace.bench.Vendor;
import org.pbx.marketplace.impl.testsupport.StartedLicense;

/**
 * Issue 7, "feature check": the license service's lock-free read that modules call on hot paths
 * (the real LicenseService around a started engine, testsupport's StartedLicense), against a
 * ConcurrentHashMap holding the same features. BenchMain runs it with 1 and 2 threads and the
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
    private StartedLicense license;
    private LicenseService service;
    private ConcurrentHashMap<String, Boolean> baseline;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("bench-feature");
        felix = EmbeddedFelix.start(dir.resolve("felix"), null);
        Vendor vendor = Vendor.create(dir.resolve("vendor"));
        license = StartedLicense.start(dir.resolve("license"), felix.getBundleContext(), vendor.trustRoot(), Vendor.LICENSE_KEY,
                installation -> vendor.licenseToken(installation, System.currentTimeMillis() / 1000, "marketplace", licensed));
        service = license.service();
        if (!service.isFeatureAvailable(licensed)) {
            throw new IllegalStateException("the engine did not accept the bench token: " + service.license().reason);
        }
        baseline = new ConcurrentHashMap<>();
        baseline.put("marketplace", Boolean.TRUE);
        baseline.put(licensed, Boolean.TRUE);
    }

    @TearDown
    public void tearDown() {
        license.close();
        EmbeddedFelix.stop(felix);
    }

    @Benchmark
    public boolean oursLicensed() {
        return service.isFeatureAvailable(licensed);
    }

    @Benchmark
    public boolean oursUnlicensed() {
        return service.isFeatureAvailable(unlicensed);
    }

    @Benchmark
    public boolean baselineLicensed() {
        return baseline.get(licensed) != null;
    }

    @Benchmark
    public boolean baselineUnlicensed() {
        return baseline.get(unlicensed) != null;
    }
}
