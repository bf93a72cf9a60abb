package org.pbx.marketplace.web.internal;

import java.net.URI;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.pbx.marketplace.admin.LicenseKeyReveal;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The license part of the admin REST API: a thin mapping of {@link LicenseService} to HTTP.
 * A refused operation answers a problem (4xx, or 503 when the vendor can't be reached), never 500.
 */
@Component(service = LicenseResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@JSONRequired
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseResource {

    private final LicenseService license;
    private final LicenseKeyReveal reveal;

    @Context
    HttpHeaders headers;

    @Activate
    public LicenseResource(@Reference LicenseService license, @Reference LicenseKeyReveal reveal) {
        this.license = license;
        this.reveal = reveal;
    }

    @GET
    @Path("license")
    public Response get() {
        LicenseDTO answer = license.license();
        return Response.ok(answer).header(Fingerprint.HEADER, Fingerprint.of(answer)).build();
    }

    /** The full key, for the reveal on the page: never cached anywhere. */
    @GET
    @Path("license/key")
    public Response key() {
        String key = reveal.licenseKey();
        if (key == null) {
            return Problems.response(Problems.of(404, "NOT_REGISTERED", language()));
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(Map.of("key", key)).cacheControl(noStore).build();
    }

    @POST
    @Path("registration")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(RegistrationDTO form) {
        ProblemDTO missing = RegistrationCheck.missing(form, language());
        if (missing != null) {
            return Problems.response(missing);
        }
        if (form.language == null || form.language.isBlank()) {
            // The vendor's letter goes out in the language the admin used.
            form.language = language();
        }
        return call(() -> Response.created(URI.create("license")).entity(license.register(form)).build());
    }

    @PUT
    @Path("license/key")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response activate(Requests.Key body) {
        return call(() -> Response.ok(license.activateKey(body == null ? null : body.key)).build());
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
    public Response coupon(Requests.Coupon body) {
        return call(() -> Response.ok(license.applyCoupon(body == null ? null : body.coupon)).build());
    }

    @POST
    @Path("license/trials")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response trial(Requests.Trial body) {
        return call(() -> Response.ok(license.startTrial(body == null ? null : body.productId)).build());
    }

    @POST
    @Path("license/refresh")
    public Response refresh() {
        return call(() -> Response.ok(license.refresh()).build());
    }

    /**
     * Offline activation, step 1: the request file's content and a name for it. No-store: it
     * carries the full key, like the reveal.
     */
    @POST
    @Path("license/offline-request")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response offlineRequest(Requests.Key body) {
        return call(() -> {
            String file = license.offlineActivationRequest(body == null ? null : body.key);
            String name = "pbx-activation-request-" + license.license().installationId + ".jws";
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(Map.of("file", file, "fileName", name)).cacheControl(noStore).build();
        });
    }

    /** Offline activation, step 2: the token file the vendor made for the request. */
    @POST
    @Path("license/offline-token")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response offlineToken(Requests.OfflineToken body) {
        return call(() -> Response.ok(license.importOfflineToken(body == null ? null : body.token)).build());
    }

    private Response call(LicenseCall call) {
        try {
            return call.run();
        } catch (LicenseException e) {
            return Problems.response(Problems.of(e.reason(), language()));
        }
    }

    private String language() {
        return Language.pick(headers == null ? null : headers.getHeaderString("Accept-Language"));
    }

    /** A call that may be refused. */
    private interface LicenseCall {
        Response run() throws LicenseException;
    }
}
