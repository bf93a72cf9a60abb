package org.pbx.marketplace.web.internal;

import java.util.Map;

import javax.ws.rs.BeanParam;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;

/**
 * GET /state: a fingerprint of the license and one of the catalog's modules as the page's search and
 * filters list them, so the page can ask every second, cheaply, whether anything changed elsewhere
 * (the shell, another tab, an expiry, an operation) and reload only then. It compares them with the
 * fingerprints its loads came with ({@link Fingerprint}). Polling rather than server-sent events:
 * nothing held open through the JAX-RS runtime, and a lost answer is simply asked again.
 */
@Component(service = StateResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@JSONRequired
@Path("state")
@Produces(MediaType.APPLICATION_JSON)
public class StateResource {

    private final LicenseService license;
    private final ModuleCatalog catalog;

    @Context
    HttpHeaders headers;

    @Activate
    public StateResource(@Reference LicenseService license, @Reference ModuleCatalog catalog) {
        this.license = license;
        this.catalog = catalog;
    }

    @GET
    public Response state(@BeanParam CatalogQuery query) {
        if (query.invalid() != null) {
            return Problems.response(Problems.of(400, "BAD_QUERY",
                    Language.pick(headers == null ? null : headers.getHeaderString("Accept-Language")), query.invalid()));
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(Map.of("license", Fingerprint.of(license.license()),
                "modules", Fingerprint.of(catalog.catalog(query.toDTO())))).cacheControl(noStore).build();
    }
}
