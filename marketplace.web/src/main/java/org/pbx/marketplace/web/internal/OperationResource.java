package org.pbx.marketplace.web.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
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
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.OperationDTO;

/**
 * GET /operations/{id}: an install, update or uninstall as it progresses, for the page's progress
 * bar; it survives a page reload.
 */
@Component(service = OperationResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@JSONRequired
@Path("operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationResource {

    private final ModuleCatalog catalog;

    @Context
    HttpHeaders headers;

    @Activate
    public OperationResource(@Reference ModuleCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("{id}")
    public Response operation(@PathParam("id") String id) {
        OperationDTO operation = catalog.operation(id);
        if (operation == null) {
            return Problems.response(Problems.of(404, "OPERATION_UNKNOWN",
                    Language.pick(headers == null ? null : headers.getHeaderString("Accept-Language")), id));
        }
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(operation).cacheControl(noCache).build();
    }
}
