package org.pbx.marketplace.web.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.pbx.marketplace.api.HostConstants;

/**
 * GET /about: which host this is and which Marketplace bundles run in it, for support and
 * for a first look that the API is alive.
 */
@Component(service = AboutResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@JSONRequired
@Path("about")
public class AboutResource {

    /** Product bundles share this symbolic-name prefix. */
    static final String PRODUCT_PREFIX = "marketplace.";

    private final BundleContext context;

    @Activate
    public AboutResource(BundleContext context) {
        this.context = context;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AboutDTO about() {
        AboutDTO about = new AboutDTO();
        about.hostVersion = context.getProperty(HostConstants.HOST_VERSION);
        about.bundles = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(PRODUCT_PREFIX))
                .sorted(Comparator.comparing(Bundle::getSymbolicName))
                .map(AboutResource::describe)
                .collect(Collectors.toList());
        return about;
    }

    private static AboutDTO.BundleDTO describe(Bundle bundle) {
        AboutDTO.BundleDTO dto = new AboutDTO.BundleDTO();
        dto.symbolicName = bundle.getSymbolicName();
        dto.version = bundle.getVersion().toString();
        dto.state = stateName(bundle.getState());
        return dto;
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "UNINSTALLED";
        }
    }
}
