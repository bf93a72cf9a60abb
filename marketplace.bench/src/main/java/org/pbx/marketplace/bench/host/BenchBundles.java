package org.pbx.marketplace.bench.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/** Bundles the host figures install: made here, so the bench needs no build of its own for them. */
final class BenchBundles {

    static final String STATIC_PATH = "/bench-static/license.json";
    private static final String CONTEXT_CLASS = "org/pbx/marketplace/bench/staticfile/StaticFiles.class";

    /**
     * A bundle whose only content is {@code body} as static/license.json, served by the HTTP
     * whiteboard at {@link #STATIC_PATH}: a context of its own ({@code StaticFiles}) and a
     * whiteboard resource declared in DS XML on {@code java.lang.Object}, so Jetty serves the file
     * with no code of ours per request.
     */
    static Path staticFile(Path out, byte[] body) throws IOException {
        String context = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"bench.static.context\" init=\"1\">\n"
                + "  <implementation class=\"org.pbx.marketplace.bench.staticfile.StaticFiles\"/>\n"
                + "  <service><provide interface=\"org.osgi.service.http.context.ServletContextHelper\"/></service>\n"
                + "  <property name=\"osgi.http.whiteboard.context.name\" value=\"bench-static\"/>\n"
                + "  <property name=\"osgi.http.whiteboard.context.path\" value=\"/bench-static\"/>\n"
                + "</scr:component>\n";
        String resource = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"bench.static.file\" immediate=\"true\">\n"
                + "  <implementation class=\"java.lang.Object\"/>\n"
                + "  <service><provide interface=\"java.lang.Object\"/></service>\n"
                + "  <property name=\"osgi.http.whiteboard.resource.pattern\" value=\"/*\"/>\n"
                + "  <property name=\"osgi.http.whiteboard.resource.prefix\" value=\"/static\"/>\n"
                + "  <property name=\"osgi.http.whiteboard.context.select\" value=\"(osgi.http.whiteboard.context.name=bench-static)\"/>\n"
                + "</scr:component>\n";
        Manifest manifest = manifest("org.pbx.bench.staticfile", "1.0.0");
        manifest.getMainAttributes().putValue("Service-Component", "OSGI-INF/context.xml,OSGI-INF/resource.xml");
        manifest.getMainAttributes().putValue("Import-Package",
                "javax.servlet,javax.servlet.http,org.osgi.framework,org.osgi.service.component,org.osgi.service.http.context");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest);
             InputStream contextClass = BenchBundles.class.getClassLoader().getResourceAsStream(CONTEXT_CLASS)) {
            entry(jar, CONTEXT_CLASS, contextClass.readAllBytes(), false);
            entry(jar, "OSGI-INF/context.xml", context.getBytes(StandardCharsets.UTF_8), false);
            entry(jar, "OSGI-INF/resource.xml", resource.getBytes(StandardCharsets.UTF_8), false);
            entry(jar, "static/license.json", body, false);
        }
        return out;
    }

    static final String EMPTY_REST_PATH = "/bench-empty/license";
    private static final String EMPTY_CLASS = "org/pbx/marketplace/bench/emptyrest/EmptyLicense.class";

    /**
     * A bundle with a JAX-RS application of its own ({@code /bench-empty}, on the admin login's HTTP context
     * {@code marketplace-admin}, so the same login runs first) and one resource, {@code EmptyLicense}, that
     * answers GET {@link #EMPTY_REST_PATH} with {@code body}: CXF and the login, without the Marketplace's code.
     */
    static Path emptyResource(Path out, byte[] body) throws IOException {
        String application = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"bench.empty.application\" immediate=\"true\">\n"
                + "  <implementation class=\"javax.ws.rs.core.Application\"/>\n"
                + "  <service><provide interface=\"javax.ws.rs.core.Application\"/></service>\n"
                + "  <property name=\"osgi.jaxrs.name\" value=\"bench-empty\"/>\n"
                + "  <property name=\"osgi.jaxrs.application.base\" value=\"/bench-empty\"/>\n"
                + "  <property name=\"osgi.http.whiteboard.context.select\" value=\"(osgi.http.whiteboard.context.name=marketplace-admin)\"/>\n"
                + "</scr:component>\n";
        String resource = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"bench.empty.resource\" immediate=\"true\" init=\"1\">\n"
                + "  <implementation class=\"org.pbx.marketplace.bench.emptyrest.EmptyLicense\"/>\n"
                + "  <service><provide interface=\"java.lang.Object\"/></service>\n"
                + "  <property name=\"osgi.jaxrs.resource\" type=\"Boolean\" value=\"true\"/>\n"
                + "  <property name=\"osgi.jaxrs.application.select\" value=\"(osgi.jaxrs.name=bench-empty)\"/>\n"
                + "</scr:component>\n";
        Manifest manifest = manifest("org.pbx.bench.emptyrest", "1.0.0");
        manifest.getMainAttributes().putValue("Service-Component", "OSGI-INF/application.xml,OSGI-INF/resource.xml");
        manifest.getMainAttributes().putValue("Import-Package",
                "javax.ws.rs,javax.ws.rs.core,org.osgi.framework,org.osgi.service.component");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest);
             InputStream resourceClass = BenchBundles.class.getClassLoader().getResourceAsStream(EMPTY_CLASS)) {
            entry(jar, EMPTY_CLASS, resourceClass.readAllBytes(), false);
            entry(jar, "OSGI-INF/application.xml", application.getBytes(StandardCharsets.UTF_8), false);
            entry(jar, "OSGI-INF/resource.xml", resource.getBytes(StandardCharsets.UTF_8), false);
            entry(jar, "static/license.json", body, false);
        }
        return out;
    }

    /** A module bundle of about {@code size} bytes: incompressible content, stored as it is. */
    static Path module(Path out, String id, String version, int size) throws IOException {
        byte[] payload = new byte[size - 1024];
        new Random(7).nextBytes(payload);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest(id, version))) {
            entry(jar, "payload.bin", payload, true);
        }
        return out;
    }

    private static Manifest manifest(String symbolicName, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        return manifest;
    }

    private static void entry(JarOutputStream jar, String name, byte[] content, boolean stored) throws IOException {
        JarEntry entry = new JarEntry(name);
        if (stored) {
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCrc(crc.getValue());
        }
        jar.putNextEntry(entry);
        jar.write(content);
        jar.closeEntry();
    }
}
