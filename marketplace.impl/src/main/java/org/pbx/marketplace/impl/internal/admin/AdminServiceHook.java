package org.pbx.marketplace.impl.internal.admin;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pbx.marketplace.admin.LicenseKeyReveal;

/**
 * Hides the admin-only services ({@link LicenseKeyReveal}) from every bundle but the admin bundles:
 * a module that looks the service up by name, or listens for it, never sees it. Code inside the same
 * JVM can't be fully contained (reflection, a forged symbolic name); this keeps the documented way
 * closed, so no module gets the key by using the API.
 */
@Component(service = {FindHook.class, EventListenerHook.class}, immediate = true)
public class AdminServiceHook implements FindHook, EventListenerHook {

    /** Framework property: more admin bundles by symbolic name, comma-separated (a PBX's own admin UI). */
    public static final String ADMIN_BUNDLES_PROPERTY = "pbx.marketplace.admin.bundles";

    private static final Set<String> DEFAULT_ADMIN_BUNDLES = Set.of("marketplace.impl", "marketplace.web", "marketplace.shell");
    private static final String HIDDEN = LicenseKeyReveal.class.getName();

    private final Set<String> admins;

    @Activate
    public AdminServiceHook(BundleContext context) {
        Set<String> names = new HashSet<>(DEFAULT_ADMIN_BUNDLES);
        String more = context.getProperty(ADMIN_BUNDLES_PROPERTY);
        if (more != null) {
            Arrays.stream(more.split(",")).map(String::trim).filter(n -> !n.isEmpty()).forEach(names::add);
        }
        this.admins = Set.copyOf(names);
    }

    @Override
    public void find(BundleContext asking, String name, String filter, boolean allServices,
                     Collection<ServiceReference<?>> references) {
        if (!admin(asking)) {
            references.removeIf(AdminServiceHook::hidden);
        }
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        if (hidden(event.getServiceReference())) {
            listeners.keySet().removeIf(listening -> !admin(listening));
        }
    }

    private boolean admin(BundleContext context) {
        Bundle bundle;
        try {
            bundle = context.getBundle();
        } catch (IllegalStateException e) {
            return false;
        }
        return bundle != null && (bundle.getBundleId() == 0 || admins.contains(bundle.getSymbolicName()));
    }

    private static boolean hidden(ServiceReference<?> reference) {
        Object classes = reference.getProperty(Constants.OBJECTCLASS);
        return classes instanceof String[] && List.of((String[]) classes).contains(HIDDEN);
    }
}
