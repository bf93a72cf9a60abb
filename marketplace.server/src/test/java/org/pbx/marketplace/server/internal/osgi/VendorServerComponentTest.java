package org.pbx.marketplace.server.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * The servlet adapter as the whiteboard calls it at /vendor/*: paths below the mount point, the
 * base path in redirects and cookies, the enabled flag and the data folder default. Plain JDK
 * proxies stand in for the container; the protocol itself is tested over real HTTP elsewhere.
 */
class VendorServerComponentTest {
    @TempDir
    Path dir;

    record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    private static VendorServerConfiguration config(boolean enabled, String dataFolder) {
        return (VendorServerConfiguration) Proxy.newProxyInstance(VendorServerConfiguration.class.getClassLoader(),
                new Class<?>[] {VendorServerConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> enabled;
                    case "dataFolder" -> dataFolder;
                    case "sessionIdleSeconds" -> 1800L;
                    default -> method.getDefaultValue() != null ? method.getDefaultValue() : 3600L;
                });
    }

    private static BundleContext context(String pbxData) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) ->
                        method.getName().equals("getProperty") && "pbx.data".equals(args[0]) ? pbxData : null);
    }

    private static Answer call(VendorServerComponent servlet, String method, String uri, String query) throws Exception {
        ServletInputStream in = new ServletInputStream() {
            private final ByteArrayInputStream bytes = new ByteArrayInputStream(new byte[0]);
            @Override public int read() { return bytes.read(); }
            @Override public boolean isFinished() { return bytes.available() == 0; }
            @Override public boolean isReady() { return true; }
            @Override public void setReadListener(ReadListener listener) { }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getInputStream" -> in;
                    case "getHeaderNames" -> Collections.enumeration(List.of("Host"));
                    case "getHeaders" -> Collections.enumeration(List.of("localhost"));
                    case "getContextPath" -> "";
                    case "getServletPath" -> "/vendor";
                    case "getRequestURI" -> uri;
                    case "getQueryString" -> query;
                    case "getMethod" -> method;
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getContentLengthLong" -> -1L;
                    default -> null;
                });
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override public void write(int b) { body.write(b); }
            @Override public boolean isReady() { return true; }
            @Override public void setWriteListener(WriteListener listener) { }
        };
        int[] status = {0};
        Map<String, List<String>> headers = new HashMap<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status[0] = (int) args[0];
                        case "addHeader" -> headers.computeIfAbsent((String) args[0], k -> new java.util.ArrayList<>())
                                .add((String) args[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        servlet.service(request, response);
        return new Answer(status[0], headers, body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void servesTheProtocolBelowTheMountPoint() throws Exception {
        VendorServerComponent servlet = new VendorServerComponent();
        servlet.activate(context(null), config(true, dir.toString()));
        assertTrue(servlet.awaitStarted(java.time.Duration.ofSeconds(60)), "the vendor server to start within 60 s");
        try {
            Answer keys = call(servlet, "GET", "/vendor/v1/keys", null);
            assertEquals(200, keys.status());
            assertTrue(keys.body().contains("ed25519-"));
            // docs/protocol.md §1: unknown paths, the bare mount point included, are 404 E_NOT_FOUND.
            Answer root = call(servlet, "GET", "/vendor", null);
            assertEquals(404, root.status());
            assertTrue(root.body().contains("\"code\":1013"), root.body());
            Answer page = call(servlet, "GET", "/vendor/cabinet/", "lang=ru");
            assertEquals(200, page.status());
            assertTrue(page.headers().get("Set-Cookie").get(0).contains("Path=/vendor/cabinet/"));
            assertTrue(Files.exists(dir.resolve("keys/vendor-ed25519.spki")));
        } finally {
            servlet.deactivate();
        }
    }

    /** A start that fails after the component was deactivated leaves /vendor disabled (9001), not 500. */
    @Test
    void startFailingAfterDeactivationStaysDisabled() throws Exception {
        java.util.concurrent.CountDownLatch failNow = new java.util.concurrent.CountDownLatch(1);
        VendorServerComponent servlet = new VendorServerComponent(settings -> {
            try {
                failNow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the database did not open");
        });
        servlet.activate(context(null), config(true, dir.toString()));
        Thread stopping = new Thread(() -> {
            try {
                servlet.deactivate();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.start();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!call(servlet, "GET", "/vendor/v1/keys", null).body().contains("\"code\":9001")) {
            assertTrue(System.nanoTime() < deadline, "the deactivation to disable /vendor within 30 s");
            Thread.onSpinWait();
        }
        failNow.countDown();
        assertTrue(servlet.awaitStarted(java.time.Duration.ofSeconds(30)), "the failed start to end within 30 s");
        stopping.join(java.time.Duration.ofSeconds(30).toMillis());
        Answer answer = call(servlet, "GET", "/vendor/v1/keys", null);
        assertEquals(503, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"code\":9001"), answer.body());
    }

    @Test
    void disabledAnswers9001AndOpensNothing() throws Exception {
        VendorServerComponent servlet = new VendorServerComponent();
        Path data = dir.resolve("untouched");
        servlet.activate(context(null), config(false, data.toString()));
        Answer answer = call(servlet, "GET", "/vendor/v1/catalog", null);
        assertEquals(503, answer.status());
        assertTrue(answer.body().contains("\"code\":9001"));
        assertTrue(Files.notExists(data));
        servlet.deactivate();
    }

    @Test
    void dataFolderDefaultsFollowPbxData() {
        assertEquals(Path.of("/srv/pbx", "vendor-server"),
                VendorServerComponent.dataFolder(context("/srv/pbx"), config(true, "")));
        assertEquals(Path.of("vendor-data"), VendorServerComponent.dataFolder(context(null), config(true, " ")));
        assertEquals(Path.of("/x"), VendorServerComponent.dataFolder(context("/srv/pbx"), config(true, "/x")));
    }

    /** Demo data only on request: the component's demoData attribute, or the framework property the demo host sets. */
    @Test
    void demoDataOnlyWhenAskedFor() throws Exception {
        VendorServerComponent plain = new VendorServerComponent();
        Path empty = dir.resolve("plain");
        plain.activate(context(null), config(true, empty.toString()));
        assertTrue(plain.awaitStarted(java.time.Duration.ofSeconds(60)), "the vendor server to start within 60 s");
        try {
            assertTrue(call(plain, "GET", "/vendor/v1/catalog", null).status() == 200);
            assertTrue(Files.notExists(empty.resolve("catalog-source.json")), "no demo catalog");
        } finally {
            plain.deactivate();
        }
        VendorServerComponent demo = new VendorServerComponent();
        Path seeded = dir.resolve("demo");
        BundleContext asked = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> method.getName().equals("getProperty")
                        && VendorServerComponent.DEMO_DATA_PROPERTY.equals(args[0]) ? "true" : null);
        demo.activate(asked, config(true, seeded.toString()));
        assertTrue(demo.awaitStarted(java.time.Duration.ofSeconds(60)), "the vendor server to start within 60 s");
        try {
            assertTrue(Files.exists(seeded.resolve("catalog-source.json")), "the demo catalog");
            assertTrue(call(demo, "GET", "/vendor/v1/catalog", null).status() == 200);
        } finally {
            demo.deactivate();
        }
    }
}
