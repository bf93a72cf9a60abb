package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Reads the trust root the PBX ships with (PID {@value TrustConfiguration#PID}, else the framework
 * property {@value TrustConfiguration#FRAMEWORK_PROPERTY}) for the license component, which
 * follows every change. Never fetches anything: what is trusted comes with the PBX.
 */
@Component(service = TrustRootSource.class, configurationPid = TrustConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = TrustConfiguration.class)
public class TrustRootSource {

    private final BundleContext context;
    private volatile String document;
    private volatile String problem;

    @Activate
    public TrustRootSource(BundleContext context, TrustConfiguration config) {
        this.context = context;
        read(config);
    }

    @Modified
    void modified(TrustConfiguration config) {
        read(config);
    }

    /** The root document, or null. */
    String document() {
        return document;
    }

    /** Why there is none, or null. */
    String problem() {
        return problem;
    }

    private void read(TrustConfiguration config) {
        String file = config.rootFile().trim();
        if (file.isEmpty()) {
            String property = context.getProperty(TrustConfiguration.FRAMEWORK_PROPERTY);
            file = property == null ? "" : property.trim();
        }
        if (file.isEmpty()) {
            set(null, "no trust root is configured");
            return;
        }
        try {
            set(Files.readString(Path.of(file), StandardCharsets.UTF_8), null);
        } catch (IOException | RuntimeException e) {
            set(null, "the trust root file " + file + " can't be read, " + e.getClass().getSimpleName());
        }
    }

    private void set(String document, String problem) {
        this.document = document;
        this.problem = problem;
    }
}
