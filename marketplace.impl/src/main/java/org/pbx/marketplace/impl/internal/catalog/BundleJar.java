package org.pbx.marketplace.impl.internal.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.osgi.framework.Constants;

/**
 * A downloaded jar's manifest read the way the framework will read it: through the central
 * directory (Felix opens module jars with java.util.zip.ZipFile and takes the entry
 * META-INF/MANIFEST.MF), not the first local header a stream reader meets. A jar with more than one
 * manifest entry, in either, is refused: two readers could each see another bundle.
 */
final class BundleJar {

    static final String MANIFEST = "META-INF/MANIFEST.MF";

    /** Manifest entries, the most either the central directory or the local headers have. */
    final int manifests;
    final String symbolicName;
    final String version;
    final String fragmentHost;

    private BundleJar(int manifests, Attributes main) {
        this.manifests = manifests;
        if (main == null) {
            symbolicName = null;
            version = null;
            fragmentHost = null;
            return;
        }
        String bsn = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
        symbolicName = bsn == null ? null : bsn.split(";", 2)[0].trim();
        version = main.getValue(Constants.BUNDLE_VERSION);
        fragmentHost = main.getValue(Constants.FRAGMENT_HOST);
    }

    /**
     * @param folder where the jar is written for reading (a private temporary file, deleted after)
     * @return its manifest's main attributes; none when it has no entry META-INF/MANIFEST.MF or more than one
     * @throws IOException when it is not a readable jar
     */
    static BundleJar read(byte[] jar, Path folder) throws IOException {
        int streamed = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                streamed += isManifest(entry.getName()) ? 1 : 0;
            }
        }
        Files.createDirectories(folder);
        Path file = Files.createTempFile(folder, "verify-", ".jar");
        try {
            Files.write(file, jar);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                int central = 0;
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    central += isManifest(e.nextElement().getName()) ? 1 : 0;
                }
                int manifests = Math.max(central, streamed);
                ZipEntry entry = zip.getEntry(MANIFEST);
                if (manifests != 1 || entry == null) {
                    return new BundleJar(manifests, null);
                }
                try (InputStream manifest = zip.getInputStream(entry)) {
                    return new BundleJar(manifests, new Manifest(manifest).getMainAttributes());
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean isManifest(String name) {
        // Case-insensitive, as JarFile and JarInputStream find it; the framework asks for the exact name.
        return name.toUpperCase(Locale.ROOT).equals(MANIFEST);
    }
}
