package org.pbx.marketplace.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** A real Felix in this JVM: its system bundle's context is what the product registers gating services with. */
public final class EmbeddedFelix {

    private EmbeddedFelix() {
    }

    /** @param extraPackages class-path packages the system bundle exports to bundles, or null */
    public static Framework start(Path storage, String extraPackages) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", storage.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        if (extraPackages != null) {
            config.put("org.osgi.framework.system.packages.extra", extraPackages);
        }
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        return framework;
    }

    public static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            // A benchmark's teardown: nothing depends on a clean stop.
        }
    }
}
