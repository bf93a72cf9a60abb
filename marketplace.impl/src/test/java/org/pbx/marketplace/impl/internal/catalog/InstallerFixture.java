package org.pbx.marketplace.impl.internal.catalog;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * What the installer's unit tests stand on: a mocked framework (its system bundle and wiring, whose refreshes
 * finish unless a test says otherwise), a real vendor over HTTP on loopback, and the PBX's connection to it.
 */
final class InstallerFixture implements AutoCloseable {

    final BundleContext context = mock(BundleContext.class);
    final FrameworkWiring wiring = mock(FrameworkWiring.class);
    final Bundle system = mock(Bundle.class);
    final VendorChannel.Connection connection;
    private final HttpServer server;

    /**
     * @param path where the vendor answers (e.g. "/v1/modules/")
     * @param vendor its answers
     * @param others the framework's bundles beside the system bundle
     */
    InstallerFixture(Path data, String path, HttpHandler vendor, Bundle... others) throws Exception {
        when(system.getLocation()).thenReturn(Constants.SYSTEM_BUNDLE_LOCATION);
        when(system.getSymbolicName()).thenReturn("org.apache.felix.framework");
        when(system.adapt(FrameworkWiring.class)).thenReturn(wiring);
        Bundle[] bundles = new Bundle[others.length + 1];
        bundles[0] = system;
        System.arraycopy(others, 0, bundles, 1, others.length);
        when(context.getBundles()).thenReturn(bundles);
        when(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)).thenReturn(system);
        refreshesFinish(true);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, vendor);
        server.start();
        VendorClient client = new VendorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024, InstallationIdentity.loadOrCreate(data.resolve("id")),
                Clock.systemUTC());
        connection = new VendorChannel.Connection(client, new JwsVerifier(Map.of()));
    }

    /** Whether the framework's refreshes finish (each listener told) or never do. */
    void refreshesFinish(boolean finish) {
        doAnswer(call -> {
            if (finish) {
                finished(call.getArguments());
            }
            return null;
        }).when(wiring).refreshBundles(any(), any(FrameworkListener[].class));
    }

    /** Tells the listeners among a refreshBundles call's arguments that the refresh is done. */
    static void finished(Object[] arguments) {
        for (int i = 1; i < arguments.length; i++) {
            ((FrameworkListener) arguments[i]).frameworkEvent(new FrameworkEvent(FrameworkEvent.PACKAGES_REFRESHED, mock(Bundle.class), null));
        }
    }

    /** Answers 200 with the body. */
    static void serve(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** An installed bundle as the framework reports it. */
    static Bundle bundle(String name, String location, String version) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        when(bundle.getLocation()).thenReturn(location);
        when(bundle.getSymbolicName()).thenReturn(name);
        when(bundle.getHeaders("")).thenReturn(new Hashtable<>());
        return bundle;
    }

    /** An empty bundle jar of this name and version. */
    static byte[] jar(String name, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, name);
        main.putValue(Constants.BUNDLE_VERSION, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
