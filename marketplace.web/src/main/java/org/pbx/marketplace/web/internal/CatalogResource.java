package org.pbx.marketplace.web.internal;

import java.net.URI;

import javax.ws.rs.BeanParam;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
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
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.OperationDTO;

/**
 * The catalog part of the admin REST API: search, one module, install/update/downgrade/uninstall as
 * operations (202 with the operation's Location), a refresh on demand, and the check of another PBX
 * version against the installed modules.
 */
@Component(service = CatalogResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final ModuleCatalog catalog;

    @Context
    HttpHeaders headers;

    @Activate
    public CatalogResource(@Reference ModuleCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("modules")
    public Response modules(@BeanParam CatalogQuery query) {
        if (query.invalid() != null) {
            return Problems.response(Problems.of(400, "BAD_QUERY", language(), query.invalid()));
        }
        CatalogDTO answer = catalog.catalog(query.toDTO());
        return Response.ok(answer).header(Fingerprint.HEADER, Fingerprint.of(answer)).build();
    }

    @GET
    @Path("modules/{id}")
    public Response module(@PathParam("id") String id) {
        ModuleDTO module = catalog.module(id);
        if (module == null) {
            return Problems.response(Problems.of(404, "MODULE_UNKNOWN", language(), id));
        }
        return Response.ok(module).build();
    }

    @POST
    @Path("modules/{id}/install")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response install(@PathParam("id") String id, Requests.Install body) {
        return accepted(() -> catalog.install(id, body == null ? null : body.version));
    }

    @POST
    @Path("modules/{id}/downgrade")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response downgrade(@PathParam("id") String id, Requests.Downgrade body) {
        return accepted(() -> catalog.downgrade(id, body == null ? null : body.version,
                body != null && Boolean.TRUE.equals(body.confirmAdvisories)));
    }

    @GET
    @Path("catalog/upgrade-check")
    public Response upgradeCheck(@QueryParam("pbxVersion") String pbxVersion) {
        try {
            return Response.ok(catalog.upgradeCheck(pbxVersion)).build();
        } catch (CatalogException e) {
            return Problems.response(Problems.of(e.reason(), language()));
        }
    }

    @POST
    @Path("modules/{id}/update")
    public Response update(@PathParam("id") String id) {
        return accepted(() -> catalog.update(id));
    }

    @DELETE
    @Path("modules/{id}")
    public Response uninstall(@PathParam("id") String id) {
        return accepted(() -> catalog.uninstall(id));
    }

    /** Hides one advisory's banner (remembered); 204, or 404 ADVISORY_UNKNOWN when none with that id covers an installed module. */
    @POST
    @Path("advisories/{id}/dismiss")
    public Response dismiss(@PathParam("id") String id) {
        try {
            catalog.dismissAdvisory(id);
            return Response.noContent().build();
        } catch (CatalogException e) {
            return Problems.response(Problems.of(e.reason(), language()));
        }
    }

    @POST
    @Path("catalog/refresh")
    public Response refresh() {
        try {
            return Response.ok(catalog.refresh()).build();
        } catch (CatalogException e) {
            return Problems.response(Problems.of(e.reason(), language()));
        }
    }

    private Response accepted(OperationCall call) {
        try {
            OperationDTO operation = call.run();
            return Response.accepted(operation).location(URI.create("operations/" + operation.id)).build();
        } catch (CatalogException e) {
            return Problems.response(Problems.of(e.reason(), language()));
        }
    }

    private String language() {
        return Language.pick(headers == null ? null : headers.getHeaderString("Accept-Language"));
    }

    /** A catalog call that starts an operation or is refused. */
    private interface OperationCall {
        OperationDTO run() throws CatalogException;
    }
}
