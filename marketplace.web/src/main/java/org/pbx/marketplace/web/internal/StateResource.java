package org.pbx.marketplace.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import javax.ws.rs.GET;
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
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * GET /state: a fingerprint of the license and one of the catalog's module states, so the page can
 * ask every second, cheaply, whether anything changed elsewhere (the shell, another tab, an expiry,
 * an operation) and reload only then. Polling rather than server-sent events: nothing held open
 * through the JAX-RS runtime, and a lost answer is simply asked again.
 */
@Component(service = StateResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@JSONRequired
@Path("state")
@Produces(MediaType.APPLICATION_JSON)
public class StateResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LicenseService license;
    private final ModuleCatalog catalog;

    @Activate
    public StateResource(@Reference LicenseService license, @Reference ModuleCatalog catalog) {
        this.license = license;
        this.catalog = catalog;
    }

    @GET
    public Response state() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(Map.of("license", fingerprint(license.license()),
                "modules", fingerprint(catalog.catalog(new ModuleQueryDTO())))).cacheControl(noStore).build();
    }

    /** The first 16 hex digits of SHA-256 of the value's JSON: equal exactly when what the page shows is. */
    static String fingerprint(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a DTO always serializes and SHA-256 is always there", e);
        }
    }
}
