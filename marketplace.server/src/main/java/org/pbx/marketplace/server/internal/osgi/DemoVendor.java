package org.pbx.marketplace.server.internal.osgi;

import java.util.List;

import org.osgi.annotation.bundle.Capability;

/**
 * The running demo vendor, registered by {@link VendorServerComponent} once its server has started with
 * demo data: what {@link DemoRootPin} needs, as a plain service, so that nothing waits on the vendor
 * component's activation (a getService racing the HTTP whiteboard for a start of several seconds ran
 * into SCR's lock timeout under load and came back empty, leaving the demo unpinned or unserved).
 */
// Registered from code, not by DS: the capability says so, for resolvers that check service requirements (Karaf).
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.pbx.marketplace.server.internal.osgi.DemoVendor\"")
public interface DemoVendor {
    /** The demo vendor's first trust root document (JSON). */
    String root();

    /** Publishes a module developer's modules named by the framework property; the lines to log. */
    List<String> publishDevModules(String property);
}
