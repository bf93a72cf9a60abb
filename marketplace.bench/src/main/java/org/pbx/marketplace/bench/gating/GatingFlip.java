package org.pbx.marketplace.bench.gating;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.pbx.marketplace.bench.EmbeddedFelix;
import org.pbx.marketplace.bench.gating.spi.ActiveCount;
import org.pbx.marketplace.impl.testsupport.FeatureGating;

/**
 * Issue 7, "gating flip": a real Felix with SCR in this JVM, a bundle of 200 components gated on
 * one feature, and the product's GatingPublisher (through testsupport's FeatureGating) switching
 * that feature on and off, as the license engine does in the call that accepts a token or unregisters. Times each flip until SCR
 * has activated (or deactivated) all 200.
 */
public final class GatingFlip {

    /** Times in milliseconds, sorted. */
    public static final class Result {
        public final double[] on;
        public final double[] off;

        Result(double[] on, double[] off) {
            this.on = on;
            this.off = off;
        }
    }

    static final int COMPONENTS = 200;
    private static final String FEATURE = "bench";
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    private GatingFlip() {
    }

    /** @param bundles the folder with SCR and the DS API bundles (target/bench-bundles) */
    public static Result run(Path bundles, int warmups, int flips) throws Exception {
        Path dir = Files.createTempDirectory("bench-gating");
        Framework felix = EmbeddedFelix.start(dir.resolve("felix"), "org.pbx.marketplace.bench.gating.spi;version=1.0.0");
        try {
            BundleContext context = felix.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : jars(bundles)) {
                installed.add(context.installBundle(jar.toUri().toString()));
            }
            installed.add(context.installBundle(GatedBundle.write(dir.resolve("gated.jar"), COMPONENTS, FEATURE).toUri().toString()));
            for (Bundle bundle : installed) {
                bundle.start();
            }
            FeatureGating publisher = new FeatureGating(context, FEATURE);
            for (int i = 0; i < warmups; i++) {
                flip(publisher);
            }
            double[] on = new double[flips];
            double[] off = new double[flips];
            for (int i = 0; i < flips; i++) {
                double[] times = flip(publisher);
                on[i] = times[0];
                off[i] = times[1];
            }
            Arrays.sort(on);
            Arrays.sort(off);
            return new Result(on, off);
        } finally {
            EmbeddedFelix.stop(felix);
        }
    }

    private static double[] flip(FeatureGating publisher) {
        long start = System.nanoTime();
        publisher.license();
        if (!ActiveCount.await(COMPONENTS, TIMEOUT)) {
            throw new IllegalStateException("only " + ActiveCount.get() + " of " + COMPONENTS + " components came up");
        }
        long up = System.nanoTime();
        publisher.unlicense();
        if (!ActiveCount.await(0, TIMEOUT)) {
            throw new IllegalStateException(ActiveCount.get() + " components stayed up after unregister");
        }
        long down = System.nanoTime();
        return new double[] {(up - start) / 1e6, (down - up) / 1e6};
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
