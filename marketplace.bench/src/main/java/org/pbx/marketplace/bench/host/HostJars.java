package org.pbx.marketplace.bench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * The demo host jar, and the same jar without the product: the baseline PBX that starts Felix,
 * SCR, Config Admin, Jetty, the console and the Web Console but no Marketplace.
 */
final class HostJars {

    /**
     * Bundles under {@code bundles/} that are the product or are only there because the product
     * needs them (JAX-RS whiteboard and CXF, Jackson, JAXB, the vendor server's H2).
     */
    static final List<String> PRODUCT = List.of("marketplace.", "org.apache.aries.jax.rs", "org.apache.aries.component-dsl",
            "cxf-", "jackson-", "geronimo-jaxrs", "org.osgi.service.jaxrs", "jaxb-osgi", "jakarta.xml.bind",
            "jakarta.activation", "jakarta.annotation", "woodstox-core", "stax2-api", "xmlschema-core", "h2-");

    /**
     * The vendor's side, which the demo host also runs (the reference server and its database); a
     * PBX in the field does not, so the start and heap figures leave it out.
     */
    static final List<String> VENDOR = List.of("marketplace.server", "h2-");

    private HostJars() {
    }

    /** {@code -Dpbx.host.jar}, or the host module's build output beside this module's. */
    static Path host(Path benchTarget) throws IOException {
        String configured = System.getProperty("pbx.host.jar");
        Path jar = configured != null ? Path.of(configured)
                : benchTarget.toAbsolutePath().getParent().getParent().resolve("marketplace.host/target/pbx-host.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no host jar at " + jar + ": build it (mvn -pl marketplace.bench -am package) or set -Dpbx.host.jar");
        }
        return jar;
    }

    /** Writes the host jar minus the bundles whose file names start with one of {@code left}; the launcher installs what it finds. */
    static Path without(Path host, Path out, List<String> left) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(host));
             JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), in.getManifest())) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (isOneOf(entry.getName(), left)) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(entry.getName()));
                in.transferTo(jar);
                jar.closeEntry();
            }
        }
        return out;
    }

    private static boolean isOneOf(String entry, List<String> prefixes) {
        if (!entry.startsWith("bundles/")) {
            return false;
        }
        String file = entry.substring("bundles/".length());
        return prefixes.stream().anyMatch(file::startsWith);
    }
}
