package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The runtime boots the way the demo host does, and the product's first resource and page
 * answer over real HTTP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SmokeIT extends MarketplaceTestSupport {

    @Inject
    ServiceComponentRuntime scr;

    @Inject
    JaxrsServiceRuntime jaxrsRuntime;

    @Test
    public void everyBundleIsActiveAndEveryFragmentResolved() {
        List<String> wrong = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                wrong.add(bundle.getSymbolicName() + " state " + bundle.getState());
            }
        }
        assertTrue("bundles not started: " + wrong, wrong.isEmpty());
    }

    @Test
    public void everyComponentOfOursIsSatisfied() {
        List<String> unsatisfied = new ArrayList<>();
        int ours = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            // Product bundles only: the test bundle's gated components wait for a license on purpose.
            if (!description.bundle.symbolicName.startsWith("marketplace.") || description.bundle.symbolicName.equals("marketplace.itest")) {
                continue;
            }
            ours++;
            if (!scr.isComponentEnabled(description)) {
                unsatisfied.add(description.name + " disabled");
            }
            for (ComponentConfigurationDTO config : scr.getComponentConfigurationDTOs(description)) {
                if (config.state != ComponentConfigurationDTO.ACTIVE && config.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.add(description.name + " state " + config.state
                            + " missing " + Arrays.toString(config.unsatisfiedReferences));
                }
            }
        }
        assertTrue("no components of ours found", ours > 0);
        assertTrue("components not satisfied: " + unsatisfied, unsatisfied.isEmpty());
    }

    @Test
    public void jaxrsRuntimeHasNoFailures() {
        await("the marketplace JAX-RS application with its resources", () -> marketplaceApplication() != null
                && marketplaceApplication().resourceDTOs.length > 0);
        org.osgi.service.jaxrs.runtime.dto.RuntimeDTO dto = jaxrsRuntime.getRuntimeDTO();
        assertEquals("failed applications", 0, dto.failedApplicationDTOs.length);
        assertEquals("failed resources", 0, dto.failedResourceDTOs.length);
        assertEquals("failed extensions", 0, dto.failedExtensionDTOs.length);
    }

    @Test
    public void httpRuntimeHasNoFailures() {
        RuntimeDTO dto = httpRuntime.getRuntimeDTO();
        assertEquals("failed servlets", 0, dto.failedServletDTOs.length);
        assertEquals("failed resources", 0, dto.failedResourceDTOs.length);
        assertEquals("failed contexts", 0, dto.failedServletContextDTOs.length);
        assertEquals("failed filters", 0, dto.failedFilterDTOs.length);
    }

    @Test
    public void aboutAnswersHostVersionAndProductBundles() throws Exception {
        await("GET /about to answer 200", () -> get("/api/marketplace/v1/about").statusCode() == 200);
        HttpResponse<String> response = get("/api/marketplace/v1/about");

        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> about = new ObjectMapper().readValue(response.body(), Map.class);
        assertEquals(System.getProperty("pbx.host.version"), about.get("hostVersion"));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> bundles = (List<Map<String, String>>) about.get("bundles");
        Map<String, String> states = bundles.stream()
                .collect(Collectors.toMap(b -> b.get("symbolicName"), b -> b.get("state")));
        assertEquals("ACTIVE", states.get("marketplace.api"));
        assertEquals("ACTIVE", states.get("marketplace.impl"));
        assertEquals("ACTIVE", states.get("marketplace.web"));
        String webVersion = context.getBundle(bundleId("marketplace.web")).getVersion().toString();
        assertTrue(bundles.stream().anyMatch(b -> webVersion.equals(b.get("version"))));
    }

    @Test
    public void marketplacePageIsServed() {
        HttpResponse<String> page = get("/marketplace/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("js/main.js"));

        assertEquals("the section's URL without a slash redirects", 302, get("/marketplace").statusCode());
        assertEquals(200, get("/marketplace/js/main.js").statusCode());
        assertEquals(200, get("/marketplace/i18n/ru.json").statusCode());
        assertEquals(404, get("/marketplace/missing.html").statusCode());
        HttpResponse<String> escape = get("/marketplace/..%2F..%2FMETA-INF%2FMANIFEST.MF");
        assertTrue("no escape from the pages folder: " + escape.statusCode(),
                escape.statusCode() >= 400 && !escape.body().contains("Bundle-SymbolicName"));
    }

    private ApplicationDTO marketplaceApplication() {
        for (ApplicationDTO app : jaxrsRuntime.getRuntimeDTO().applicationDTOs) {
            if ("marketplace".equals(app.name)) {
                return app;
            }
        }
        return null;
    }

    private long bundleId(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle.getBundleId();
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
