package org.pbx.demo.broken;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Throws in start() on purpose: the installer must roll the bundle back and leave the PBX as it was. */
public class FailingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("org.pbx.demo.broken fails to start on purpose (installer rollback test)");
    }

    @Override
    public void stop(BundleContext context) {
        // Never started, nothing to undo.
    }
}
