package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.http.runtime.dto.ResourceDTO;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogReaderService;
import org.pbx.marketplace.api.LicenseService;

/**
 * Who may reach what, taken from the running HTTP (javax and jakarta) and JAX-RS whiteboards
 * rather than a hand list: every servlet, resource and JAX-RS resource answers 401 without credentials, in every
 * spelling of its path, except the few that are public on purpose (listed below with why).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessIT extends MarketplaceTestSupport {

    private static final String API = "/api/marketplace/v1";

    /**
     * The JAX-RS whiteboard's default application, mounted at "/*" of the HTTP whiteboard's
     * default context: it has no resources (CXF answers 404 "No service was found" for anything)
     * and is not the Marketplace's; paths below /api/marketplace/ and /marketplace/ go to the
     * Marketplace's context first and ask for the login.
     */
    private static final String DEFAULT_JAXRS_APPLICATION = "default /*";

    /** Paths (prefixes) that answer without the admin login, on purpose. */
    private static final Map<String, String> PUBLIC = Map.of(
            "/vendor", "the reference vendor server is another party with its own authentication (license keys, signed requests)");

    @Inject
    JaxrsServiceRuntime jaxrsRuntime;

    /** The jakarta Servlet Whiteboard (Jetty 12's second runtime): the Web Console and the health servlet run there. */
    @Inject
    org.osgi.service.servlet.runtime.HttpServiceRuntime jakartaRuntime;

    @Inject
    LogReaderService logReader;

    @Inject
    LicenseService license;

    @Test
    public void everyPathOfTheRuntimeAsksForTheLogin() {
        TreeSet<String> paths = runtimePaths();
        assertTrue("the runtime lists the API and the pages: " + paths,
                paths.contains(API + "/license") && paths.stream().anyMatch(p -> p.startsWith("/marketplace")));
        TreeSet<String> jakarta = jakartaPaths();
        assertTrue("the jakarta whiteboard lists the Web Console and the health servlet: " + jakarta,
                jakarta.stream().anyMatch(p -> p.startsWith("/system/console"))
                        && jakarta.stream().anyMatch(p -> p.startsWith("/system/health")));
        assertTrue("the jakarta whiteboard's paths are among those tried", paths.containsAll(jakarta));
        Map<String, String> wrong = new TreeMap<>();
        int tried = 0;
        for (String path : paths) {
            if (isPublic(path)) {
                continue;
            }
            for (String variant : variants(path)) {
                for (String method : new String[] {"GET", "OPTIONS", "POST"}) {
                    tried++;
                    HttpResponse<String> response = sendRaw(HttpRequest.newBuilder(URI.create(baseUrl() + variant))
                            .method(method, HttpRequest.BodyPublishers.noBody()));
                    if (!refusedBeforeTheApplication(variant, response)) {
                        wrong.put(method + " " + variant, response.statusCode() + " " + response.body());
                    }
                }
            }
        }
        System.out.println("AccessIT: " + paths);
        System.out.println("AccessIT: " + paths.size() + " runtime paths, " + tried + " unauthenticated requests");
        if (!wrong.isEmpty()) {
            fail("reachable without the login:\n  " + String.join("\n  ",
                    wrong.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toArray(String[]::new)));
        }
    }

    @Test
    public void crossSiteStateChangesAreRefused() throws Exception {
        List<String> changes = new ArrayList<>();
        for (ApplicationDTO application : applications()) {
            if (application.resourceDTOs == null) {
                continue;
            }
            for (org.osgi.service.jaxrs.runtime.dto.ResourceDTO resource : application.resourceDTOs) {
                for (ResourceMethodInfoDTO method : resource.resourceMethods) {
                    if (!method.method.equals("GET") && !method.method.equals("HEAD") && !method.method.equals("OPTIONS")) {
                        changes.add(method.method + " " + join(base(application), method.path).replaceAll("\\{[^}]*\\}", "x"));
                    }
                }
            }
        }
        assertTrue("the runtime lists the state changes: " + changes, changes.size() >= 8);
        for (String change : changes) {
            String method = change.substring(0, change.indexOf(' '));
            String path = change.substring(change.indexOf(' ') + 1);
            HttpRequest.Builder evil = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Authorization", ADMIN_AUTHORIZATION).header("Content-Type", "application/json")
                    .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"));
            LicenseRestIT.assertProblem(sendRaw(evil), 403, "HEADER_MISSING");
            HttpRequest.Builder withHeader = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"));
            LicenseRestIT.assertProblem(send(withHeader), 403, "CROSS_SITE");
        }
    }

    /**
     * Every channel a bundle of this runtime logs through is listened to: the OSGi log, System.Logger
     * (the JDK's default finder hands it to java.util.logging, whose root logger is opened to every
     * level here), and slf4j (slf4j-simple writes to System.err, looked up at each line) with anything
     * printed to System.out and System.err. The host as a process, stdout and stderr: HostLogLeakIT.
     */
    @Test
    public void theFullKeyShowsOnlyInTheReveal() throws Exception {
        List<LogEntry> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.osgi.service.log.LogListener listener = logged::add;
        logReader.addLogListener(listener);
        LogChannels channels = LogChannels.listen();
        try {
            if (revealedKey() == null) {
                license.register(registration("Secret Co", "secret@example.com"));
            }
            String key = revealedKey();
            assertEquals("the reveal shows it", 200, get(API + "/license/key").statusCode());
            assertTrue(get(API + "/license/key").body().contains(key));

            List<HttpResponse<String>> answers = new ArrayList<>();
            for (String path : runtimePaths()) {
                if (!isPublic(path) && !path.equals(API + "/license/key")) {
                    answers.add(get(path));
                    answers.add(send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\",\"x\":1}"))));
                }
            }
            // Refusals that concern the key itself: the same key again, a coupon that is wrong.
            answers.add(send(HttpRequest.newBuilder(URI.create(baseUrl() + API + "/license/key")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key.substring(0, key.length() - 1) + "\"}"))));
            answers.add(send(HttpRequest.newBuilder(URI.create(baseUrl() + API + "/license/coupons")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"coupon\":\"" + key + "\"}"))));
            answers.add(send(HttpRequest.newBuilder(URI.create(baseUrl() + API + "/license/refresh")).POST(HttpRequest.BodyPublishers.noBody())));
            for (HttpResponse<String> answer : answers) {
                assertFalse(answer.request().method() + " " + answer.uri() + " shows the key: " + answer.body(), answer.body().contains(key));
            }
            license.refresh();
            license.unregister();
            channels.close();
            for (LogEntry entry : logged) {
                String text = entry.getMessage() + " " + entry.getException();
                assertFalse("an OSGi log entry shows the key: " + text, text.contains(key));
            }
            assertTrue("the log was listened to", !logged.isEmpty());
            channels.assertNever(key);
        } finally {
            channels.close();
            logReader.removeLogListener(listener);
        }
    }

    // ---- the runtime's paths

    /**
     * Every path the HTTP whiteboards (javax and jakarta) serve and every JAX-RS resource method, with
     * {params} filled in.
     */
    private TreeSet<String> runtimePaths() {
        TreeSet<String> paths = jakartaPaths();
        for (ServletContextDTO servletContext : httpRuntime.getRuntimeDTO().servletContextDTOs) {
            String contextPath = servletContext.contextPath.equals("/") ? "" : servletContext.contextPath;
            for (ServletDTO servlet : servletContext.servletDTOs) {
                for (String pattern : servlet.patterns) {
                    if ((servletContext.name + " " + pattern).equals(DEFAULT_JAXRS_APPLICATION)) {
                        continue;
                    }
                    paths.add(contextPath + concrete(pattern));
                }
            }
            for (ResourceDTO resource : servletContext.resourceDTOs) {
                for (String pattern : resource.patterns) {
                    paths.add(contextPath + concrete(pattern));
                }
            }
        }
        for (ApplicationDTO application : applications()) {
            if (application.resourceDTOs == null) {
                continue;
            }
            for (org.osgi.service.jaxrs.runtime.dto.ResourceDTO resource : application.resourceDTOs) {
                for (ResourceMethodInfoDTO method : resource.resourceMethods) {
                    paths.add(join(base(application), method.path).replaceAll("\\{[^}]*\\}", "x"));
                }
            }
        }
        return paths;
    }

    /** Every servlet and resource path of the jakarta Servlet Whiteboard (its DTOs mirror the javax ones). */
    private TreeSet<String> jakartaPaths() {
        TreeSet<String> paths = new TreeSet<>();
        for (org.osgi.service.servlet.runtime.dto.ServletContextDTO servletContext : jakartaRuntime.getRuntimeDTO().servletContextDTOs) {
            String contextPath = servletContext.contextPath.equals("/") ? "" : servletContext.contextPath;
            for (org.osgi.service.servlet.runtime.dto.ServletDTO servlet : servletContext.servletDTOs) {
                for (String pattern : servlet.patterns) {
                    paths.add(contextPath + concrete(pattern));
                }
            }
            for (org.osgi.service.servlet.runtime.dto.ResourceDTO resource : servletContext.resourceDTOs) {
                for (String pattern : resource.patterns) {
                    paths.add(contextPath + concrete(pattern));
                }
            }
        }
        return paths;
    }

    /**
     * Where an application's resources are served: the Marketplace's application sits at "/" in an HTTP
     * context of its own ({@value #API}, so Pax Web's one-servlet-per-name rule can't park it), which
     * the JAX-RS runtime DTO does not say; the other applications share the root context.
     */
    private static String base(ApplicationDTO application) {
        return "marketplace".equals(application.name) ? join(API, application.base) : application.base;
    }

    private List<ApplicationDTO> applications() {
        List<ApplicationDTO> applications = new ArrayList<>(List.of(jaxrsRuntime.getRuntimeDTO().applicationDTOs));
        applications.add(jaxrsRuntime.getRuntimeDTO().defaultApplication);
        return applications;
    }

    /** A servlet pattern as a path a client could ask for: "/x/*" → "/x/probe", "*.js" → "/probe.js". */
    private static String concrete(String pattern) {
        if (pattern.startsWith("*.")) {
            return "/probe" + pattern.substring(1);
        }
        if (pattern.endsWith("/*")) {
            return pattern.substring(0, pattern.length() - 1) + "probe";
        }
        return pattern.isEmpty() ? "/" : pattern;
    }

    private static String join(String base, String path) {
        String left = base == null ? "" : base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String right = path == null ? "" : path.startsWith("/") ? path : "/" + path;
        return (left.startsWith("/") || left.isEmpty() ? left : "/" + left) + right;
    }

    private static boolean isPublic(String path) {
        return PUBLIC.keySet().stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/")
                || path.startsWith(prefix + "."));
    }

    /** The path as given, with a trailing slash, doubled slashes, a path parameter and an encoded slash. */
    private static List<String> variants(String path) {
        List<String> variants = new ArrayList<>();
        variants.add(path);
        variants.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/");
        variants.add(path.replace("/", "//"));
        variants.add("/" + path);
        variants.add(path + ";jsessionid=x");
        variants.add(path.replaceFirst("/([^/]+)$", "/;x=1/$1"));
        int last = path.lastIndexOf('/');
        if (last > 0) {
            variants.add(path.substring(0, last) + "%2f" + path.substring(last + 1));
            variants.add(path.substring(0, last) + "%2F" + path.substring(last + 1));
        }
        return variants;
    }

    /**
     * 401 with the login challenge; or 400 from the web server itself, which refuses ambiguous
     * paths (an encoded slash, a path parameter in a segment) before any handler sees them; or the
     * empty default JAX-RS application's 404 ({@value #DEFAULT_JAXRS_APPLICATION}).
     */
    private static boolean refusedBeforeTheApplication(String variant, HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            return response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic");
        }
        boolean ambiguous = variant.contains("%2") || variant.contains(";") || variant.contains("//");
        if (ambiguous && response.statusCode() == 400) {
            return true;
        }
        // A variant no servlet of the login's context matches (the health servlet's exact paths with
        // a trailing slash) falls to the default JAX-RS application, which has no resources at all.
        return response.statusCode() == 404 && response.body().equals("<html><body>No service was found.</body></html>");
    }
}
