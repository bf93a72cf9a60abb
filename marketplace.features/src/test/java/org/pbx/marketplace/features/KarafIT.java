package org.pbx.marketplace.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The features repository on a stock Apache Karaf 4.4.10 (Pax Web 8 on Jetty 9.4, Aries JAX-RS
 * Whiteboard 2.0.2 from its own features file): repo-add, install, then the smoke checks, again
 * after restarting marketplace.web and after restarting Karaf. The console session is written to
 * target/karaf-it/console-transcript.txt.
 */
class KarafIT {

    private static final String VERSION = System.getProperty("marketplace.version");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final List<String> OURS = List.of("marketplace.api", "marketplace.impl", "marketplace.web",
            "marketplace.shell", "marketplace.server");
    /** A full license key (as Keys in marketplace.impl checks it). */
    private static final Pattern KEY = Pattern.compile("MKT-[A-Z0-9]{5}(-[A-Z0-9]{5}){3}");
    private static final String GATED = "mvn:org.pbx.marketplace/marketplace.samples.recording/" + VERSION;

    private static Karaf karaf;
    private static Path work;

    @BeforeAll
    static void boot() throws Exception {
        work = Path.of(System.getProperty("marketplace.work"));
        // The features file where mvn:org.pbx.marketplace/marketplace.features/VERSION/xml/features points,
        // in the folder of the reactor's bundles (mvn verify installs nothing into the local repository).
        Path buildRepo = Path.of(System.getProperty("karaf.buildRepo"));
        Path features = buildRepo.resolve("org/pbx/marketplace/marketplace.features/" + VERSION
                + "/marketplace.features-" + VERSION + "-features.xml");
        Files.createDirectories(features.getParent());
        Files.copy(Path.of(System.getProperty("marketplace.featuresFile")), features, StandardCopyOption.REPLACE_EXISTING);
        karaf = new Karaf(Path.of(System.getProperty("karaf.home")), work, System.getProperty("karaf.mavenRepo"), buildRepo);
        karaf.start();
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (karaf != null) {
            Files.writeString(work.resolve("console-transcript.txt"), karaf.transcript());
            if (karaf.isUp()) {
                karaf.stop();
            }
        }
    }

    @Test
    void installsFromTheFeaturesRepositoryAndWorksAcrossRestarts() throws Exception {
        try {
            karaf.console("feature:repo-add " + System.getProperty("marketplace.features"));
            karaf.console("feature:install marketplace");
            karaf.console("feature:install marketplace-demo-vendor");
            karaf.console("bundle:install -s " + GATED);
            String first = smokeChecks("after install", true);
            assertHostVersionUnknownSaid(first);
            karaf.console("marketplace:status");

            karaf.console("bundle:restart marketplace.web");
            smokeChecks("after restarting marketplace.web", false);

            karaf.stop();
            karaf.start();
            String password = smokeChecks("after restarting Karaf", false);
            karaf.console("marketplace:status");
            assertNoKeyInEtc();
            assertKeyOwnerOnly();
            cancel(password);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n--- end of karaf.log:\n" + tail(karaf.log(), 120), e);
        }
    }

    /** Bundles, components, page and API with the login, the license ACTIVE and the gated page on; returns the password. */
    private String smokeChecks(String when, boolean first) throws Exception {
        karaf.awaitConsole("bundle:list -s -t 0", out -> ours(out).size() == OURS.size()
                && ours(out).stream().allMatch(l -> l.contains("| Active")), Duration.ofSeconds(120));
        String components = karaf.awaitConsole("scr:list | grep -A1 org.pbx.marketplace", out -> unsatisfied(out).isEmpty(),
                Duration.ofSeconds(60));
        assertEquals(List.of(), unsatisfied(components), when + ": components of ours not satisfied");

        String password = awaitPassword();
        assertEquals(200, await(password, "GET", "/marketplace/", null, 200).statusCode(), when + ": the page");
        assertEquals(200, await(password, "GET", "/api/marketplace/v1/about", null, 200).statusCode(), when + ": the API");
        assertEquals(401, send(null, "GET", "/api/marketplace/v1/about", null).statusCode(), when + ": the API without login");

        if (first) {
            HttpResponse<String> created = send(password, "POST", "/api/marketplace/v1/registration",
                    "{\"companyName\":\"Karaf PBX\",\"email\":\"karaf@example.com\",\"contactName\":\"Ann\"}");
            assertEquals(201, created.statusCode(), when + ": registration: " + created.body());
            // The gated sample: off without its feature, on after a trial.
            assertEquals(404, await(password, "GET", "/pbx/modules/recording/", null, 404).statusCode(),
                    when + ": gated page before the trial");
            HttpResponse<String> trial = send(password, "POST", "/api/marketplace/v1/license/trials",
                    "{\"productId\":\"call-recording-pro\"}");
            assertEquals(200, trial.statusCode(), when + ": trial: " + trial.body());
        }
        JsonNode license = JSON.readTree(await(password, "GET", "/api/marketplace/v1/license", null, 200).body());
        assertEquals("ACTIVE", license.path("status").asText(), when + ": license " + license);
        // The vendor in-process is found at Karaf's HTTP port (Karaf sets no org.osgi.service.http.port).
        assertEquals("http://127.0.0.1:" + karaf.httpPort + "/vendor/cabinet/", license.path("cabinetUrl").asText(),
                when + ": the vendor's cabinet");
        // A check with the vendor answers ACTIVE (right after a start the vendor's servlet may still be coming up).
        awaitRefreshActive(password, when);
        assertEquals(200, await(password, "GET", "/pbx/modules/recording/", null, 200).statusCode(),
                when + ": gated page with the trial");
        return password;
    }

    private static void awaitRefreshActive(String password, String when) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> refresh = send(password, "POST", "/api/marketplace/v1/license/refresh", null);
            last = refresh.statusCode() + " " + refresh.body();
            if (refresh.statusCode() == 200 && "ACTIVE".equals(JSON.readTree(refresh.body()).path("status").asText())) {
                return;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        throw new AssertionError(when + ": no check with the vendor answered ACTIVE within 60 s; last: " + last);
    }

    /**
     * Karaf sets no pbx.host.version (a feature cannot set a framework property): every demo module needs a
     * minimum PBX version, so each says the PBX does not tell its version and what to set.
     */
    private static void assertHostVersionUnknownSaid(String password) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode modules = JSON.missingNode();
        while (Instant.now().isBefore(deadline) && modules.isEmpty()) {
            send(password, "POST", "/api/marketplace/v1/catalog/refresh", null);
            modules = JSON.readTree(await(password, "GET", "/api/marketplace/v1/modules", null, 200).body()).path("modules");
            if (modules.isEmpty()) {
                TimeUnit.SECONDS.sleep(1);
            }
        }
        assertFalse(modules.isEmpty(), "no catalog modules within 60 s");
        for (JsonNode module : modules) {
            assertEquals("HOST_VERSION_UNKNOWN", module.path("incompatibleReason").path("code").asText(),
                    module.path("id").asText() + ": " + module);
            assertTrue(module.path("incompatibleReason").path("message").path("en").asText().contains("pbx.host.version"),
                    module.toString());
        }
    }

    /** Cancelling the registration switches the gated page off. */
    private void cancel(String password) throws Exception {
        assertEquals(204, send(password, "DELETE", "/api/marketplace/v1/license", null).statusCode(), "cancel");
        assertEquals(404, await(password, "GET", "/pbx/modules/recording/", null, 404).statusCode(), "gated page after cancel");
        JsonNode license = JSON.readTree(send(password, "GET", "/api/marketplace/v1/license", null).body());
        assertEquals("UNREGISTERED", license.path("status").asText(), "license after cancel " + license);
    }

    /** Rows of bundle:list -s naming one of our bundles (the symbolic name is the last column). */
    private static List<String> ours(String bundleList) {
        return Karaf.lines(bundleList).stream()
                .filter(l -> OURS.contains(l.substring(l.lastIndexOf('|') + 1).strip())).toList();
    }

    /** "Id: 12, State:UNSATISFIED REFERENCE" lines under our components (the gated sample is not ours: it waits for its license). */
    private static List<String> unsatisfied(String scrList) {
        List<String> bad = new ArrayList<>();
        for (String line : Karaf.lines(scrList)) {
            if (line.contains("State:") && !line.contains("State:ACTIVE") && !line.contains("State:SATISFIED")) {
                bad.add(line);
            }
        }
        return bad;
    }

    private static void assertNoKeyInEtc() throws IOException {
        try (Stream<Path> files = Files.list(karaf.home.resolve("etc"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(KEY.matcher(Files.readString(file, StandardCharsets.ISO_8859_1)).find(),
                        file + " holds a license key");
            }
        }
    }

    /**
     * Every file under etc/ and data/ that holds the license key (Config Admin's store at least) can be read by
     * its owner only: the file's own read bit for group or others counts only if every folder from Karaf's home
     * down to it lets that class through.
     */
    private static void assertKeyOwnerOnly() throws IOException {
        List<Path> holding = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (String top : List.of("etc", "data")) {
            try (Stream<Path> files = Files.walk(karaf.home.resolve(top))) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar")).toList()) {
                    if (Files.size(file) > 20_000_000
                            || !KEY.matcher(Files.readString(file, StandardCharsets.ISO_8859_1)).find()) {
                        continue;
                    }
                    holding.add(file);
                    String readable = readableBy(file);
                    if (!readable.isEmpty()) {
                        open.add(karaf.home.relativize(file) + " (" + readable + ")");
                    }
                }
            }
        }
        assertFalse(holding.isEmpty(), "no file under etc/ or data/ holds the license key (where is Config Admin's store?)");
        assertEquals(List.of(), open, "files holding the license key readable by others than their owner");
    }

    /** "group", "others", both or "" for a file and the folders above it up to Karaf's home. */
    private static String readableBy(Path file) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        boolean group = mode.contains(PosixFilePermission.GROUP_READ);
        boolean others = mode.contains(PosixFilePermission.OTHERS_READ);
        for (Path folder = file.getParent(); folder.startsWith(karaf.home) && !folder.equals(karaf.home);
                folder = folder.getParent()) {
            Set<PosixFilePermission> folderMode = Files.getPosixFilePermissions(folder);
            group &= folderMode.contains(PosixFilePermission.GROUP_EXECUTE);
            others &= folderMode.contains(PosixFilePermission.OTHERS_EXECUTE);
        }
        return group && others ? "group, others" : group ? "group" : others ? "others" : "";
    }

    /** The generated admin password, kept in the web bundle's data folder on Karaf (pbx.data unset). */
    private static String awaitPassword() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> found = Files.find(karaf.home.resolve("data/cache"), 4,
                    (p, a) -> p.getFileName().toString().equals("marketplace-admin.password"))) {
                List<Path> files = found.toList();
                if (files.size() == 1 && Files.size(files.get(0)) > 0) {
                    return Files.readString(files.get(0)).trim();
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("no marketplace-admin.password under data/cache within 60 s");
    }

    private static HttpResponse<String> await(String password, String method, String path, String body, int status)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = send(password, method, path, body);
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError(method + " " + path + " did not answer " + status + " within 60 s; last: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }

    private static HttpResponse<String> send(String password, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + karaf.httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    ("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (!"GET".equals(method)) {
            request.header("X-Requested-With", "marketplace").header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
