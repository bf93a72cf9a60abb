package org.pbx.marketplace.impl.internal.license;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.AllServiceListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Where the reference vendor server inside this PBX answers when no server URL is configured:
 * {@code /vendor} on this machine's loopback, at the port of the HTTP runtime's
 * {@code osgi.http.endpoint} (Felix HTTP and Pax Web both announce it; Karaf sets no
 * {@code org.osgi.service.http.port}), else at that framework property's port, else 8080.
 * The HTTP runtime is read by its service properties only, so this bundle needs no HTTP API.
 */
final class LocalVendor {

    static final String RUNTIME = "org.osgi.service.http.runtime.HttpServiceRuntime";
    static final String ENDPOINT = "osgi.http.endpoint";

    private LocalVendor() {
    }

    static String url(BundleContext context) {
        for (String endpoint : endpoints(context)) {
            try {
                URI uri = URI.create(endpoint.trim());
                if ("http".equals(uri.getScheme()) && uri.getPort() > 0) {
                    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
                    return "http://127.0.0.1:" + uri.getPort() + (path.endsWith("/") ? path : path + "/") + "vendor";
                }
            } catch (IllegalArgumentException e) {
                // Not a URL: try the next endpoint.
            }
        }
        String port = context.getProperty("org.osgi.service.http.port");
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8080" : port.trim()) + "/vendor";
    }

    /** Calls {@code onChange} whenever an HTTP runtime comes, goes or changes its endpoint. */
    static ServiceListener watch(BundleContext context, Runnable onChange) {
        // All services: a plain ServiceListener hears only of classes this bundle could load, and it imports no HTTP API.
        ServiceListener listener = (AllServiceListener) event -> onChange.run();
        try {
            context.addServiceListener(listener, "(objectClass=" + RUNTIME + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter", e);
        }
        return listener;
    }

    private static List<String> endpoints(BundleContext context) {
        List<String> endpoints = new ArrayList<>();
        ServiceReference<?>[] refs;
        try {
            refs = context.getAllServiceReferences(RUNTIME, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter", e);
        }
        if (refs == null) {
            return endpoints;
        }
        for (ServiceReference<?> ref : refs) {
            Object value = ref.getProperty(ENDPOINT);
            if (value instanceof String s) {
                endpoints.add(s);
            } else if (value instanceof String[] array) {
                endpoints.addAll(List.of(array));
            } else if (value instanceof Collection<?> list) {
                list.forEach(v -> endpoints.add(String.valueOf(v)));
            }
        }
        return endpoints;
    }
}
