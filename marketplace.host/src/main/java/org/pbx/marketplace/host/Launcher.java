package org.pbx.marketplace.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts the demo PBX host: Felix with its framework storage and Config Admin store under one
 * data folder, so configuration and modules installed at runtime survive a restart.
 */
public final class Launcher {

    static final String DATA_PROPERTY = "pbx.data";
    static final String PORT_PROPERTY = "org.osgi.service.http.port";
    static final String CONFIG_FOLDER = "config";
    static final String WEB_CONSOLE_PROPERTY = "pbx.webconsole";
    static final String WEB_CONSOLE_BUNDLE = "org.apache.felix.webconsole";
    static final String DEV_MODULES_PROPERTY = "pbx.vendor.devModules";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger CXF_NOT_FOUND = Logger.getLogger("org.apache.cxf.transport.servlet.ServletController");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Path data = Paths.get(System.getProperty(DATA_PROPERTY, "pbx-data")).toAbsolutePath().normalize();
        prepareDataFolder(data);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next()
                .newFramework(frameworkProperties(data));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "pbx-host-shutdown"));
        framework.init();
        System.out.println("PBX host: a demo. Besides the PBX product it runs the reference vendor server at /vendor"
                + " with the demo vendor, and trusts that vendor's root; a PBX you ship has neither (see README).");
        new BundleSet(framework.getBundleContext(), data.resolve("host-bundles.properties"), bundlesLeftOut()).sync();
        ReadyReporter.watch(framework.getBundleContext(), AdminSecret.loadOrCreate(data));
        framework.start();
        framework.waitForStop(0);
    }

    /**
     * The Felix Web Console is off unless {@value #WEB_CONSOLE_PROPERTY}{@code =true}: its bundle upload
     * runs code, so it is shipped but not installed (and removed if an earlier start installed it).
     * Switched on, it sits behind the host's admin password and the web bundle's cross-site rule.
     */
    static Set<String> bundlesLeftOut() {
        return Boolean.parseBoolean(System.getProperty(WEB_CONSOLE_PROPERTY)) ? Set.of() : Set.of(WEB_CONSOLE_BUNDLE);
    }

    /**
     * Creates the data folder and Config Admin's folder owner-only (rwx------) before Felix or Config
     * Admin writes anything: Felix's file store creates its files with the process's default mode,
     * and the configuration holds the license key and the admin password. A config folder left
     * open by an older host is closed here too, before Config Admin starts.
     */
    static void prepareDataFolder(Path data) throws IOException {
        ownerOnlyFolder(data);
        Path config = data.resolve(CONFIG_FOLDER);
        ownerOnlyFolder(config);
        if (POSIX) {
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void ownerOnlyFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
    }

    static final String HOST_NAME_PROPERTY = "pbx.host.name";

    static Map<String, String> frameworkProperties(Path data) throws IOException {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, data.resolve("framework").toString());
        // Keep installed bundles across restarts; the launcher updates its own bundles itself.
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        // Felix's store resolves a relative path inside its bundle data; it must be absolute.
        props.put("felix.cm.dir", data.resolve(CONFIG_FOLDER).toString());
        props.put(DATA_PROPERTY, data.toString());
        props.put("pbx.host.version", hostVersion());
        // The name the vendor's cabinet shows for this PBX (docs/protocol.md §13); the system's host name when unset.
        String hostName = System.getProperty(HOST_NAME_PROPERTY);
        if (hostName != null && !hostName.isBlank()) {
            props.put(HOST_NAME_PROPERTY, hostName);
        }
        props.put(PORT_PROPERTY, System.getProperty(PORT_PROPERTY, "8080"));
        // The Web Console takes the host's admin password, never Felix's default admin/admin.
        props.put("felix.webconsole.username", "admin");
        props.put("felix.webconsole.password", AdminSecret.loadOrCreate(data));
        // CXF would otherwise register its own /cxf servlet on the PBX's web server.
        props.put("org.apache.cxf.osgi.http.transport.disable", "true");
        // The demo host asks its embedded vendor server for the demo vendor (products, coupons, catalog); the
        // server's DemoRootPin then pins that vendor's trust root for the PBX, as a distribution ships one.
        props.put("pbx.vendor.demoData", "true");
        // A module developer's catalog entries, published in the demo vendor's catalog at start
        // (docs/module-developers.md §8): -Dpbx.vendor.devModules=entry.json[,entry.json...].
        String devModules = System.getProperty(DEV_MODULES_PROPERTY);
        if (devModules != null && !devModules.isBlank()) {
            props.put(DEV_MODULES_PROPERTY, devModules);
        }
        // Logging and SPI Fly start at level 1 so every other bundle finds its slf4j provider.
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(BundleSet.LEVEL_PRODUCT));
        props.put("felix.startlevel.bundle", String.valueOf(BundleSet.LEVEL_PRODUCT));
        if (System.console() == null && System.getProperty("gosh.args") == null) {
            // Without a terminal the shell would read EOF and stop the framework.
            props.put("gosh.args", "--nointeractive");
        }
        return props;
    }

    /** The host's console shows warnings and the ready line, not every bundle's start-up chatter. */
    private static void quietLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (System.getProperty("java.util.logging.config.file") == null) {
            Logger.getLogger("").setLevel(Level.WARNING);
            // CXF warns "Can't find the request for …'s Observer" for every address no resource serves
            // (a typo, a scanner): an admin's mistake or noise, not the host's fault; the browser gets its 404.
            CXF_NOT_FOUND.setLevel(Level.SEVERE);
        }
    }

    private static String hostVersion() throws IOException {
        Properties host = new Properties();
        try (InputStream in = Launcher.class.getResourceAsStream("/host.properties")) {
            host.load(in);
        }
        return System.getProperty("pbx.host.version", host.getProperty("pbx.host.version"));
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(30_000);
            System.out.println("PBX host stopped");
        } catch (BundleException | InterruptedException e) {
            System.err.println("pbx-host: could not stop cleanly: " + e);
        }
    }
}
