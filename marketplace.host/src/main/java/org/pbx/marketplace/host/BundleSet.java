package org.pbx.marketplace.host;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Keeps the host's own bundles (those under {@code bundles/} in the launcher jar) installed and
 * current in the framework's persistent storage. Bundles installed by anyone else, such as
 * modules from the catalog, have other locations and are left alone.
 */
final class BundleSet {

    /** Start level of logging and SPI Fly, which everything else needs first. */
    static final int LEVEL_INFRA = 1;
    /** Start level of every other bundle, and the framework's beginning level. */
    static final int LEVEL_PRODUCT = 2;

    private static final String LOCATION_PREFIX = "pbx-host:";
    /** Length of a stored SHA-256 digest in hex (the digests of hosts started before the CRCs were used). */
    private static final int SHA256_HEX = 64;

    private final BundleContext context;
    private final Path digestFile;
    private final Set<String> left;

    /** {@code left}: shipped bundles (symbolic names) not to install, and to remove if an earlier start installed them. */
    BundleSet(BundleContext context, Path digestFile, Set<String> left) {
        this.context = context;
        this.digestFile = digestFile;
        this.left = left;
    }

    /** A bundle file of the launcher jar: its bytes and what tells a changed one from the installed one. */
    private static final class Shipped {
        final byte[] content;
        final String digest;

        Shipped(byte[] content, String digest) {
            this.content = content;
            this.digest = digest;
        }
    }

    /** Installs new bundles, updates changed ones and removes those no longer shipped. */
    void sync() throws IOException, BundleException {
        Properties installed = loadDigests();
        Map<String, Shipped> shipped = shippedBundles();
        shipped.keySet().removeAll(left);
        Properties current = new Properties();
        for (Map.Entry<String, Shipped> entry : shipped.entrySet()) {
            String location = LOCATION_PREFIX + entry.getKey();
            byte[] content = entry.getValue().content;
            String digest = entry.getValue().digest;
            current.setProperty(location, digest);
            Bundle bundle = context.getBundle(location);
            if (bundle == null) {
                install(location, entry.getKey(), content);
            } else if (!same(digest, installed.getProperty(location), content)) {
                bundle.update(new ByteArrayInputStream(content));
            }
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX) && !current.containsKey(bundle.getLocation())) {
                bundle.uninstall();
            }
        }
        storeDigests(current);
    }

    private void install(String location, String symbolicName, byte[] content) throws BundleException {
        Bundle bundle = context.installBundle(location, new ByteArrayInputStream(content));
        if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        // The Log service with them: the Configurator prints every debug line to the console until it finds one.
        boolean infra = symbolicName.startsWith("slf4j.") || symbolicName.startsWith("org.apache.aries.spifly")
                || symbolicName.equals("org.apache.felix.log");
        bundle.adapt(BundleStartLevel.class).setStartLevel(infra ? LEVEL_INFRA : LEVEL_PRODUCT);
        bundle.start();
    }

    /**
     * A host that stored SHA-256 digests (before the launcher jar's CRCs were used) compares by SHA-256 once: an
     * unchanged bundle is not updated (an update of SPI Fly's framework extension would need a restart).
     */
    private static boolean same(String digest, String stored, byte[] content) {
        return digest.equals(stored) || stored != null && stored.length() == SHA256_HEX && stored.equals(sha256(content));
    }

    /** The launcher jar's bundles, by symbolic name. */
    private static Map<String, Shipped> shippedBundles() throws IOException {
        Map<String, Shipped> bundles = new TreeMap<>();
        Path code;
        try {
            code = Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the launcher jar", e);
        }
        try (FileSystem jar = Files.isDirectory(code) ? null : FileSystems.newFileSystem(code);
             Stream<Path> files = Files.list(jar == null ? code.resolve("bundles") : jar.getPath("bundles"))) {
            files.filter(p -> p.toString().endsWith(".jar")).forEach(p -> {
                try {
                    byte[] content = Files.readAllBytes(p);
                    bundles.put(symbolicName(content, p), new Shipped(content, jar == null ? sha256(content) : zipDigest(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return bundles;
    }

    private static String symbolicName(byte[] content, Path file) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(content))) {
            Manifest manifest = in.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (name == null) {
                throw new IOException(file + " is not a bundle");
            }
            return name.split(";", 2)[0].trim();
        }
    }

    private Properties loadDigests() throws IOException {
        Properties digests = new Properties();
        if (Files.exists(digestFile)) {
            try (InputStream in = Files.newInputStream(digestFile)) {
                digests.load(in);
            }
        }
        return digests;
    }

    private void storeDigests(Properties digests) throws IOException {
        Path temp = digestFile.resolveSibling(digestFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            digests.store(out, "Digests of the bundles this host installed from its launcher jar");
        }
        Files.move(temp, digestFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The file's CRC-32 and size as the launcher jar's central directory records them (its zip file
     * system): a changed bundle file changes them, and they cost nothing
     * to read. A SHA-256 of every bundle at every start, computed this early in the JVM's life by the
     * interpreter, was about a tenth of the product host's first start (JFR, issue 17).
     */
    private static String zipDigest(Path entry) throws IOException {
        long crc = (Long) Files.getAttribute(entry, "zip:crc");
        long size = (Long) Files.getAttribute(entry, "zip:size");
        return "crc32:" + Long.toHexString(crc) + ":" + size;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
