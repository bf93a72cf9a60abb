package org.pbx.demo.callback;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pbx.demo.callback.api.CallbackService;

/** The widget's service; its label carries the bundle's own version, so an update is visible. */
@Component
public class CallbackComponent implements CallbackService {
    private final String label;

    @Activate
    public CallbackComponent(BundleContext context) {
        this.label = "Callback widget " + context.getBundle().getVersion();
    }

    @Override
    public String label() {
        return label;
    }
}
