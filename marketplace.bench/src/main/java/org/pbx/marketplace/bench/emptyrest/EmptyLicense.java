package org.pbx.marketplace.bench.emptyrest;

import java.io.IOException;
import java.io.InputStream;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

import org.osgi.service.component.ComponentContext;

/**
 * The REST figure's JAX-RS baseline: the same bytes as GET /license, from a resource with no code of
 * ours, in a JAX-RS application of its own on the admin login's HTTP context (so the same login runs
 * before it). It runs inside the host, in the bundle {@code BenchBundles.emptyResource} writes, which
 * also holds the bytes; the difference to ours is the Marketplace application's filters, guards and
 * providers, LicenseResource, the LicenseService call and the JSON serialisation.
 */
@Path("license")
public class EmptyLicense {

    private final byte[] body;

    public EmptyLicense(ComponentContext context) throws IOException {
        try (InputStream in = context.getBundleContext().getBundle().getEntry("static/license.json").openStream()) {
            body = in.readAllBytes();
        }
    }

    @GET
    @Produces("application/json")
    public byte[] license() {
        return body;
    }
}
