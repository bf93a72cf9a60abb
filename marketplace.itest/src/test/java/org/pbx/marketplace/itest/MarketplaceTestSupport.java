package org.pbx.marketplace.itest;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.ProvisionOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.util.tracker.ServiceTracker;
import org.pbx.marketplace.testsupport.AdminClient;
import org.pbx.marketplace.testsupport.Await;
import org.pbx.marketplace.testsupport.LoopbackPorts;

/**
 * What every integration test shares: the runtime of cnf/itest.bndrun (exported by the build
 * into {@code target/export/itest}), booted in Felix on a free port, with bounded waits and real HTTP.
 * That runtime is the product, without a vendor server; a test that needs a vendor gets the
 * reference server in-process at /vendor with the demo vendor (whose root it pins, as the demo host
 * does) unless it says otherwise ({@link #inProcessVendor()}).
 */
public abstract class MarketplaceTestSupport {

    /** How long any wait may take before the test fails and says what it waited for. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String PORT_PROPERTY = "org.osgi.service.http.port";
    /** How long the in-process vendor server may take to start and the PBX to list its catalog. */
    private static final Duration VENDOR_START = Duration.ofSeconds(120);

    /** The admin password every test configures (PID org.pbx.marketplace.web.admin) before it talks HTTP. */
    protected static final String ADMIN_PASSWORD = "itest-admin-Pa55";
    /** Basic credentials of the admin, as a browser that logged in sends them. */
    protected static final String ADMIN_AUTHORIZATION = AdminClient.basic("admin", ADMIN_PASSWORD);

    @Inject
    protected BundleContext context;

    @Inject
    protected HttpServiceRuntime httpRuntime;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(
                junitBundles(),
                cleanCaches(true),
                systemTimeout(TIMEOUT.toMillis()),
                frameworkProperty(PORT_PROPERTY).value(String.valueOf(LoopbackPorts.free())),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                frameworkProperty("pbx.host.version").value(System.getProperty("pbx.host.version")),
                frameworkProperty("org.apache.cxf.osgi.http.transport.disable").value("true"),
                frameworkProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"),
                // A fresh data folder per framework: the embedded vendor server keeps its database there.
                frameworkProperty("pbx.data").value(freshDataFolder()),
                bundle(new File(System.getProperty("marketplace.testbundle")).toURI().toString()),
                // The shared test support (bounded waits, ports, the signing client) the probe's classes use inside.
                bundle(new File(System.getProperty("marketplace.testsupportbundle")).toURI().toString())));
        options.addAll(runtimeBundles());
        if (inProcessVendor()) {
            // Added on purpose: the vendor server with the demo vendor; its DemoRootPin pins that vendor's root.
            options.add(frameworkProperty("pbx.vendor.demoData").value("true"));
            options.add(bundle(new File(System.getProperty("marketplace.h2bundle")).toURI().toString()));
            options.add(bundle(new File(System.getProperty("marketplace.vendorbundle")).toURI().toString()));
        }
        options.addAll(Arrays.asList(extraOptions()));
        return options.toArray(new Option[0]);
    }

    /**
     * Whether the reference vendor server runs in the same framework, at /vendor, with the demo vendor
     * trusted; false: the product alone, as a PBX ships.
     */
    protected boolean inProcessVendor() {
        return true;
    }

    /** Options a test class adds to the shared runtime (test bundles, properties). */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /** Fails at once, naming every bundle that did not resolve and why, instead of timing out later. */
    @Before
    public void runtimeResolved() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.INSTALLED) {
                try {
                    bundle.start();
                    problems.add(bundle.getSymbolicName() + ": INSTALLED");
                } catch (BundleException e) {
                    problems.add(bundle.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("Unresolved bundles:\n  " + String.join("\n  ", problems));
        }
        configureAdminPassword();
        if (inProcessVendor()) {
            // The vendor server's first start (H2, migrations, demo data) is the slowest step of a framework on a busy machine.
            await("the demo vendor's trust root to be pinned (DemoRootPin)", VENDOR_START, () -> {
                try {
                    return context.getServiceReferences((String) null, "(marketplace.demo.vendor=pinned)") != null;
                } catch (InvalidSyntaxException e) {
                    throw new AssertionError(e);
                }
            });
            // The pinned root reaches the license and then the catalog, which fetches at once: then the PBX trusts its vendor.
            await("the PBX to trust the demo vendor and list its catalog", VENDOR_START,
                    () -> get("/api/marketplace/v1/modules").body().matches("(?s).*\"version\"\\s*:\\s*[1-9].*"));
        }
    }

    /** Sets the admin password through Config Admin, as an operator would, and waits until the login takes it. */
    private void configureAdminPassword() {
        org.osgi.service.cm.ConfigurationAdmin admin = awaitService(org.osgi.service.cm.ConfigurationAdmin.class, null);
        try {
            java.util.Dictionary<String, Object> props = new java.util.Hashtable<>();
            props.put("password", ADMIN_PASSWORD);
            admin.getConfiguration("org.pbx.marketplace.web.admin", "?").update(props);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("the admin login to accept the configured password",
                () -> get("/api/marketplace/v1/about").statusCode() == 200);
    }

    /** Waits until the condition holds; fails with {@code what} when it doesn't within {@link #TIMEOUT}. */
    protected static void await(String what, BooleanSupplier condition) {
        await(what, TIMEOUT, condition);
    }

    /** As {@link #await(String, BooleanSupplier)}, within {@code timeout}. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    /** Waits for a service matching the LDAP filter and returns it. */
    protected <T> T awaitService(Class<T> type, String filter) {
        String full = "(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
        try {
            ServiceTracker<T, T> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(full), null);
            tracker.open();
            T service = tracker.waitForService(TIMEOUT.toMillis());
            if (service == null) {
                fail("Timed out after " + TIMEOUT.getSeconds() + " s waiting for a service " + full);
            }
            return service;
        } catch (InvalidSyntaxException | InterruptedException e) {
            throw new AssertionError("cannot wait for " + full, e);
        }
    }

    /**
     * The base URL of the PBX's web server, without the trailing slash. The port comes from the
     * framework: the configuration was built by another class loader with its own statics.
     */
    protected String baseUrl() {
        return "http://127.0.0.1:" + context.getProperty(PORT_PROPERTY);
    }

    /** A real HTTP GET against the runtime. */
    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    /** A real HTTP request as the Marketplace page sends it: logged in as admin, with the API's request header. */
    protected HttpResponse<String> send(HttpRequest.Builder request) {
        return sendRaw(request.header("Authorization", ADMIN_AUTHORIZATION).header(AdminClient.API_HEADER, AdminClient.API_HEADER_VALUE));
    }

    /** A real HTTP request with exactly the headers given: no credentials, no API header. */
    protected HttpResponse<String> sendRaw(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The full license key as the admin sees it (the reveal, GET /license/key), or null when
     * unregistered: tests are modules too, and LicenseService no longer hands the key out.
     * Only the resource's own NOT_REGISTERED means no key: while the JAX-RS application is being
     * rebuilt (a component it serves restarted after a configuration change, as the catalog's does)
     * the runtime answers 404 without it, and a test taking that for "no key" would write an empty
     * key into the configuration, which the engine rightly reads as the admin removing the key.
     */
    protected String revealedKey() {
        String[] key = new String[1];
        HttpResponse<?>[] last = new HttpResponse<?>[1];
        Await.until("the reveal to answer with the key or NOT_REGISTERED", TIMEOUT, () -> {
            HttpResponse<String> answer = get("/api/marketplace/v1/license/key");
            last[0] = answer;
            if (answer.statusCode() == 404 && answer.body().contains("\"NOT_REGISTERED\"")) {
                key[0] = null;
                return true;
            }
            java.util.regex.Matcher found = java.util.regex.Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
            if (answer.statusCode() == 200 && found.find()) {
                key[0] = found.group(1);
                return true;
            }
            // Anything else is the rebuild (CXF's 404 "No service was found.", now and then a 500 from
            // Jetty): asked again until the application is back, the last answer in the failure.
            return false;
        }, () -> last[0] == null ? "no answer" : last[0].statusCode() + " " + last[0].body());
        return key[0];
    }

    /** The license's configuration (Config Admin, as an operator sets it). */
    protected static final String LICENSE_PID = "org.pbx.marketplace.license";

    /** The license key in the license's configuration, or null when it has no configuration yet. */
    protected String configuredKey() {
        try {
            java.util.Dictionary<String, Object> props = awaitService(org.osgi.service.cm.ConfigurationAdmin.class, null)
                    .getConfiguration(LICENSE_PID, "?").getProperties();
            return props == null ? null : (String) props.get("licenseKey");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Registered (once per framework) with a trial of call-recording-pro, and the key stored in the
     * configuration: registered before any configuration change, as a later change with no key would
     * read as an admin removing it.
     */
    protected void registeredWithTrial(String company, String email) throws Exception {
        org.pbx.marketplace.api.LicenseService license = awaitService(org.pbx.marketplace.api.LicenseService.class, null);
        if (revealedKey() == null) {
            license.register(registration(company, email));
            license.startTrial("call-recording-pro");
        }
        await("the key in the configuration", () -> String.valueOf(revealedKey()).equals(configuredKey()));
    }

    /**
     * Points the license at the vendor at {@code url} with these settings beside it, keeping the engine's own
     * key (a stale copy would read as an admin removing it); waits until the engine has the settings.
     */
    protected void useLicenseServer(String url, Map<String, ?> settings) throws IOException {
        org.osgi.service.cm.Configuration configuration = awaitService(org.osgi.service.cm.ConfigurationAdmin.class, null)
                .getConfiguration(LICENSE_PID, "?");
        java.util.Dictionary<String, Object> props = configuration.getProperties() == null
                ? new java.util.Hashtable<>() : configuration.getProperties();
        props.put("serverUrl", url);
        String key = revealedKey();
        props.put("licenseKey", key == null ? "" : key);
        settings.forEach(props::put);
        configuration.update(props);
        // The cabinet's address follows the server's: once it shows the new URL, the engine has the settings.
        org.pbx.marketplace.api.LicenseService license = awaitService(org.pbx.marketplace.api.LicenseService.class, null);
        await("the license to use " + url, () -> String.valueOf(license.license().cabinetUrl).startsWith(url + "/"));
    }

    /** The bundle with that symbolic name, or null if none is installed. */
    protected Bundle installedBundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    /** A call the test expects to be refused. */
    protected interface Refused {
        Object run() throws Exception;
    }

    /** Runs a call that must throw {@code type}; returns what it threw, after checking it carries an English message. */
    protected static <E extends Exception> E expectRefusal(Class<E> type, Refused call) {
        try {
            call.run();
        } catch (Exception e) {
            if (!type.isInstance(e)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + e, e);
            }
            return type.cast(e);
        }
        throw new AssertionError("expected " + type.getSimpleName() + ", the call succeeded");
    }

    /** A registration form with the given company and e-mail, the rest filled in. */
    protected static org.pbx.marketplace.api.dto.RegistrationDTO registration(String company, String email) {
        org.pbx.marketplace.api.dto.RegistrationDTO form = new org.pbx.marketplace.api.dto.RegistrationDTO();
        form.companyName = company;
        form.email = email;
        form.contactName = "Ivan Petrov";
        form.companyId = "7707083893";
        form.language = "ru";
        return form;
    }

    /** The bundles of the exported runtime, logging and SPI Fly first so everyone finds slf4j and the Log service. */
    private static Collection<Option> runtimeBundles() {
        File dir = new File(System.getProperty("marketplace.runtime.dir", "target/export/itest"));
        File[] jars = dir.listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No runtime bundles in " + dir.getAbsolutePath()
                    + ": run the build through the package phase (mvn verify) first");
        }
        return Arrays.stream(jars).sorted().map(jar -> {
            ProvisionOption<?> option = bundle(jar.toURI().toString());
            // The Log service too: the Configurator prints every debug line until it finds one.
            boolean infra = jar.getName().startsWith("slf4j") || jar.getName().startsWith("org.apache.aries.spifly")
                    || jar.getName().startsWith("org.apache.felix.log-");
            return infra ? option.startLevel(1) : option;
        }).collect(Collectors.toList());
    }

    private static String freshDataFolder() {
        try {
            return Files.createTempDirectory("pbx-itest").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
