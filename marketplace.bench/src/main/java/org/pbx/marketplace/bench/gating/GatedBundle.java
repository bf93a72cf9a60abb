package org.pbx.marketplace.bench.gating;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the test bundle: {@code count} DS 1.5 components, each gated on a feature condition
 * the way a paid module gates itself (README, "Licensing and gating a module"), with no code of
 * their own beyond counting.
 */
final class GatedBundle {

    static final String CLASS_RESOURCE = "org/pbx/marketplace/bench/gated/Gated.class";

    private GatedBundle() {
    }

    static Path write(Path file, int count, String featureId) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "marketplace.bench.gated");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "org.pbx.marketplace.bench.gating.spi");
        main.putValue("Service-Component", "OSGI-INF/*.xml");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry(CLASS_RESOURCE));
            try (InputStream in = GatedBundle.class.getClassLoader().getResourceAsStream(CLASS_RESOURCE)) {
                in.transferTo(jar);
            }
            for (int i = 0; i < count; i++) {
                jar.putNextEntry(new JarEntry("OSGI-INF/gated" + i + ".xml"));
                jar.write(component(i, featureId).getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private static String component(int i, String featureId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.5.0\" name=\"bench.gated." + i + "\""
                + " immediate=\"true\" activate=\"activate\" deactivate=\"deactivate\">\n"
                + "  <implementation class=\"org.pbx.marketplace.bench.gated.Gated\"/>\n"
                + "  <property name=\"osgi.ds.satisfying.condition.target\" value=\"(osgi.condition.id=marketplace.feature."
                + featureId + ")\"/>\n"
                + "</scr:component>\n";
    }
}
