package org.pbx.marketplace.impl.internal.license;

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
    private BenchLicense license;
    private LicenseEngine engine;
    private ConcurrentHashMap<String, Boolean> baseline;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("bench-feature");
        felix = EmbeddedFelix.start(dir.resolve("felix"), null);
        license = BenchLicense.start(dir.resolve("license"), felix.getBundleContext(), Vendor.create(dir.resolve("vendor")),
                "marketplace", licensed);
        engine = license.engine;
        baseline = new ConcurrentHashMap<>();
        baseline.put("marketplace", Boolean.TRUE);
        baseline.put(licensed, Boolean.TRUE);
    }

    @TearDown
    public void tearDown() {
        license.stop();
        EmbeddedFelix.stop(felix);
    }

    @Benchmark
    public boolean oursLicensed() {
        return engine.isFeatureAvailable(licensed);
    }

    @Benchmark
    public boolean oursUnlicensed() {
        return engine.isFeatureAvailable(unlicensed);
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
