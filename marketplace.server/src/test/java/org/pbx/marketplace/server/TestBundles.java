package org.pbx.marketplace.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small jars with an OSGi manifest, for publication tests (the server checks only the manifest). */
final class TestBundles {
    private TestBundles() {
    }

    static byte[] jar(String symbolicName, String version, String content) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("content.txt"));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A catalog entry for a paid module with one release, as docs/vendor-admin.md shows it. */
    static String entry(String id, String version, String productId, String featureId) {
        return "{\"id\": \"" + id + "\", \"name\": {\"en\": \"Fax\", \"ru\": \"Факс\"},"
                + " \"description\": {\"en\": \"Sends faxes.\", \"ru\": \"Отправляет факсы.\"},"
                + " \"vendor\": \"Test vendor\", \"category\": \"telephony\", \"commercial\": true,"
                + " \"featureId\": \"" + featureId + "\", \"productId\": \"" + productId + "\","
                + " \"releases\": [{\"version\": \"" + version + "\", \"minHostVersion\": \"7.0.0\", \"maxHostVersion\": null,"
                + " \"date\": \"2026-12-01\", \"changelog\": {\"en\": \"First release.\", \"ru\": \"Первый выпуск.\"},"
                + " \"requires\": []}]}";
    }
}
