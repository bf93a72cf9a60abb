package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
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

/**
 * GET /license/cabinet: whether the vendor's client cabinet (the page's "License management" link)
 * answers with a page right now, asked by the PBX since the browser may not reach the vendor's
 * origin itself. The page disables the link and says why when it does not, instead of sending the
 * admin to an error or a JSON body. The URL comes from the license (the vendor's), never from the
 * request; answers are kept {@value #KEEP_SECONDS} s so that a page re-rendering does not ask again.
 */
@Component(service = CabinetResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
@JSONRequired
@Path("license/cabinet")
@Produces(MediaType.APPLICATION_JSON)
public class CabinetResource {

    static final long KEEP_SECONDS = 15;
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    private final LicenseService license;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Clock clock = Clock.systemUTC();
    private volatile Probe last;

    @Activate
    public CabinetResource(@Reference LicenseService license) {
        this.license = license;
    }

    @GET
    public Response cabinet() {
        String url = license.license().cabinetUrl;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", url);
        if (url == null) {
            answer.put("reachable", false);
            answer.put("message", texts("cabinet.none"));
        } else {
            Probe probe = probe(url);
            answer.put("reachable", probe.technical == null);
            if (probe.technical != null) {
                answer.put("message", texts("cabinet.unreachable"));
                answer.put("technical", probe.technical);
            }
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(answer).cacheControl(noStore).build();
    }

    private Probe probe(String url) {
        Probe kept = last;
        long now = clock.millis();
        if (kept != null && kept.url.equals(url) && now - kept.at < KEEP_SECONDS * 1000) {
            return kept;
        }
        Probe fresh = new Probe(url, now, ask(url));
        last = fresh;
        return fresh;
    }

    /** Null when the cabinet answered with a page; otherwise what went wrong, for the support line. */
    private String ask(String url) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.discarding());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() >= 400) {
                return "HTTP " + response.statusCode();
            }
            return type.startsWith("text/html") ? null : "no page (" + type + ")";
        } catch (IOException | IllegalArgumentException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Map<String, String> texts(String key) {
        return Map.of("en", Messages.get(key, "en"), "ru", Messages.get(key, "ru"));
    }

    private static final class Probe {
        final String url;
        final long at;
        final String technical;

        Probe(String url, long at, String technical) {
            this.url = url;
            this.at = at;
            this.technical = technical;
        }
    }
}
