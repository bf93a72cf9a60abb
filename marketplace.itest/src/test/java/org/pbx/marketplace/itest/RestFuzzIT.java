package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Bad input to every REST endpoint of docs/api.md, as the logged-in page would send it: a seeded
 * corpus of over 5,000 hostile requests. Each answer is a refusal (4xx, application/problem+json
 * with its status and code), or a 2xx from a request that is harmless by design; never a 5xx.
 * Afterwards nothing changed and the host still serves.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RestFuzzIT extends MarketplaceTestSupport {

    private static final String API = "/api/marketplace/v1";
    private static final long SEED = 20_261_129L;
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d+)");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9_]+)\"");
    /** How many paths of the seeded corpus Jetty refuses itself (README's reliability table). */
    private static final int JETTY_REFUSALS = 165;

    /**
     * Requests that may succeed whatever they carry, because they change nothing: reads, an
     * unregister of a PBX that is not registered (204), an upgrade check (reads the catalog), a catalog refresh (reloads the signed
     * catalog, installs nothing), and JAX-RS's automatic answers to HEAD and OPTIONS.
     */
    private static boolean harmless(String method, String path) {
        String bare = path.replaceFirst("\\?.*", "");
        return method.equals("GET") && (bare.equals(API + "/license") || bare.equals(API + "/about") || bare.equals(API + "/modules")
                || bare.equals(API + "/catalog/upgrade-check"))
                || method.equals("DELETE") && bare.equals(API + "/license")
                || method.equals("POST") && bare.equals(API + "/catalog/refresh");
    }

    @Test
    public void hostileRequestsAreRefusedWithProblemsAndChangeNothing() throws Exception {
        List<FuzzCorpus.Case> corpus = new FuzzCorpus(SEED).generate(API);
        assertTrue("at least 5,000 requests, got " + corpus.size(), corpus.size() >= 5000);
        Set<Long> bundlesBefore = bundleIds();
        assertTrue(get(API + "/license").body().contains("\"UNREGISTERED\""));

        Map<String, AtomicInteger> tried = new TreeMap<>();
        Map<String, String> failures = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (FuzzCorpus.Case request : corpus) {
                tried.computeIfAbsent(request.category, c -> new AtomicInteger()).incrementAndGet();
                results.add(pool.submit(() -> check(request, failures)));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("RestFuzzIT: " + corpus.size() + " requests by category " + tried
                + "; refused by Jetty before the application: " + jettyRefusals.size() + " " + jettyAnswers);
        assertJettyRefusals(corpus);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + corpus.size() + " answers broke the rules, e.g.:\n  "
                    + failures.entrySet().stream().limit(15).map(e -> e.getKey() + " -> " + e.getValue())
                            .collect(Collectors.joining("\n  ")));
        }

        HttpResponse<String> license = get(API + "/license");
        assertEquals("the host keeps serving", 200, license.statusCode());
        assertTrue("still not registered: " + license.body(), license.body().contains("\"UNREGISTERED\""));
        assertEquals("no bundle installed or removed", bundlesBefore, bundleIds());
    }

    @Test
    public void userStringsComeBackAsDataOnly() throws Exception {
        String company = "<script>alert('x')</script> & \"Co\" <img src=x onerror=alert(1)>";
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(baseUrl() + API + "/registration"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"companyName\":" + json(company)
                        + ",\"email\":\"xss@example.com\",\"contactName\":\"Ivan\",\"companyId\":\"7707083893\",\"language\":\"en\"}")));
        assertEquals(created.body(), 201, created.statusCode());

        HttpResponse<String> license = get(API + "/license");
        assertTrue(license.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("nosniff", license.headers().firstValue("X-Content-Type-Options").orElse(""));
        // The name comes back exactly, as a JSON string: data for the page to insert as text.
        assertTrue("the company name as a JSON string: " + license.body(), license.body().contains(json(company)));

        HttpResponse<String> page = get("/marketplace/");
        assertEquals(200, page.statusCode());
        assertFalse("the page is static: it never carries the user's strings", page.body().contains("alert("));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertFalse("no inline script could run even if one got in: " + policy, policy.contains("unsafe-inline"));
    }

    /** The requests Jetty refused before the application saw them. */
    private final Set<FuzzCorpus.Case> jettyRefusals = ConcurrentHashMap.newKeySet();
    /** Jetty's answers to them, by status and first line of its page ("400 HTTP ERROR 400 Ambiguous URI …"). */
    private final Map<String, AtomicInteger> jettyAnswers = new ConcurrentHashMap<>();

    /**
     * Jetty refuses exactly the requests whose path carries what its URI compliance forbids (an encoded
     * '/', '\\' or '%', a control character), each with its own 400 page; every other request reached the
     * application. The count follows from the seeded corpus, so a change in Jetty's rules, or a request
     * of ours that Jetty stops short, shows here.
     */
    private void assertJettyRefusals(List<FuzzCorpus.Case> corpus) {
        Set<FuzzCorpus.Case> expected = corpus.stream().filter(RestFuzzIT::jettyRefuses).collect(Collectors.toSet());
        Set<FuzzCorpus.Case> unexpected = new java.util.HashSet<>(jettyRefusals);
        unexpected.removeAll(expected);
        Set<FuzzCorpus.Case> missed = new java.util.HashSet<>(expected);
        missed.removeAll(jettyRefusals);
        assertTrue("refused by Jetty though its path is fine: " + abbreviate(unexpected.toString())
                + "; reached the application though Jetty refuses its path: " + abbreviate(missed.toString()),
                unexpected.isEmpty() && missed.isEmpty());
        assertEquals("the corpus of seed " + SEED + " has this many paths Jetty refuses", JETTY_REFUSALS, expected.size());
        for (String answer : jettyAnswers.keySet()) {
            assertTrue("Jetty's refusal is a 400 for the ambiguous or illegal path: " + jettyAnswers,
                    answer.equals("400 ") || answer.matches("400 HTTP ERROR 400 (Ambiguous URI .*|Illegal Path Character|.*[Ss]uspicious.*)"));
        }
    }

    /** What Jetty's URI compliance refuses in a path: an encoded '/', '\\' or '%', or a control character. */
    private static boolean jettyRefuses(FuzzCorpus.Case request) {
        if (!request.category.equals("hostile path")) {
            return false;
        }
        String decoded = java.net.URLDecoder.decode(request.path, java.nio.charset.StandardCharsets.UTF_8);
        String path = request.path.toUpperCase(java.util.Locale.ROOT);
        return path.contains("%2F") || path.contains("%5C") || path.contains("%25")
                || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }

    private void check(FuzzCorpus.Case request, Map<String, String> failures) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + request.path))
                .method(request.method, request.body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body));
        if (request.contentType != null) {
            builder.header("Content-Type", request.contentType);
        }
        HttpResponse<String> response;
        try {
            response = send(builder);
        } catch (RuntimeException e) {
            failures.put(request.toString(), "no answer: " + e);
            return;
        }
        int status = response.statusCode();
        if (status == 400 && request.category.equals("hostile path") && refusedByJetty(response)) {
            // Jetty refuses an encoded slash, backslash, '%' or a control character in the path before any
            // application sees it, with its own HTML page (a known gap: not problem+json).
            jettyRefusals.add(request);
            String page = response.body().lines().filter(line -> line.contains("HTTP ERROR")).findFirst().orElse("")
                    .replaceAll("<[^>]*>", "").trim();
            jettyAnswers.computeIfAbsent(status + " " + page, a -> new AtomicInteger()).incrementAndGet();
            return;
        }
        if (status >= 200 && status < 300 && harmless(request.method, request.path)) {
            return;
        }
        if (status < 400 || status >= 500) {
            failures.put(request.toString(), status + " " + abbreviate(response.body()));
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        Matcher statusField = STATUS.matcher(response.body());
        if (!type.startsWith("application/problem+json") || !statusField.find()
                || Integer.parseInt(statusField.group(1)) != status || !CODE.matcher(response.body()).find()) {
            failures.put(request.toString(), status + " [" + type + "] not a problem: " + abbreviate(response.body()));
        }
    }

    /**
     * Jetty's own refusal: its "HTTP ERROR 400" page (no page for methods other than GET and POST),
     * and none of the headers every answer of the Marketplace's context carries.
     */
    private static boolean refusedByJetty(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Security-Policy").isEmpty()
                && (response.body().isEmpty() || response.body().contains("HTTP ERROR 400"));
    }

    private Set<Long> bundleIds() {
        return Arrays.stream(context.getBundles()).map(Bundle::getBundleId).collect(Collectors.toSet());
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
