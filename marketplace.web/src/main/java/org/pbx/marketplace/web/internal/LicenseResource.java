package org.pbx.marketplace.web.internal;

import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The license part of the admin REST API: a thin mapping of {@link LicenseService} to HTTP.
 * A refused operation answers 4xx with the reason (code and en/ru message), never 500.
 */
@Component(service = LicenseResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseResource {

    private final LicenseService license;

    @Activate
    public LicenseResource(@Reference LicenseService license) {
        this.license = license;
    }

    @GET
    @Path("license")
    public LicenseDTO get() {
        return license.license();
    }

    /** The full key, for the reveal on the page: never cached anywhere. */
    @GET
    @Path("license/key")
    public Response key() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        String key = license.licenseKey();
        if (key == null) {
            return Problems.of(404, "NOT_REGISTERED", "The PBX is not registered: there is no key.",
                    "АТС не зарегистрирована: ключа нет.");
        }
        return Response.ok(Map.of("key", key)).cacheControl(noStore).build();
    }

    @POST
    @Path("registration")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(RegistrationDTO form) {
        return Problems.call(() -> Response.status(201).entity(license.register(form)).build());
    }

    @PUT
    @Path("license/key")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response activate(Map<String, String> body) {
        return Problems.call(() -> Response.ok(license.activateKey(body == null ? null : body.get("key"))).build());
    }

    @DELETE
    @Path("license")
    public Response unregister() {
        license.unregister();
        return Response.noContent().build();
    }

    @POST
    @Path("license/coupons")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response coupon(Map<String, String> body) {
        return Problems.call(() -> Response.ok(license.applyCoupon(body == null ? null : body.get("coupon"))).build());
    }

    @POST
    @Path("license/trials")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response trial(Map<String, String> body) {
        return Problems.call(() -> Response.ok(license.startTrial(body == null ? null : body.get("productId"))).build());
    }

    @POST
    @Path("license/refresh")
    public Response refresh() {
        return Problems.call(() -> Response.ok(license.refresh()).build());
    }

    /** A call that may be refused. */
    interface LicenseCall {
        Response run() throws LicenseException;
    }
}
