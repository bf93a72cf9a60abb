package org.pbx.marketplace.server.internal.standalone;

import java.time.Duration;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.pbx.marketplace.server.VendorServerSettings;
import org.pbx.marketplace.server.internal.http.RequestHandler;
import org.pbx.marketplace.server.internal.http.TrustedProxies;
import org.pbx.marketplace.server.internal.http.VendorServlet;

/**
 * The standalone server's HTTP: embedded Jetty 12 (the line the PBX host runs) serving the same
 * servlet as the host, with the limits a server on the internet needs: a bounded pool and request queue,
 * idle, header and body deadlines, a header size cap, and TLS when given a keystore.
 */
public final class JettyTransport implements AutoCloseable {
    /** Threads of the pool left to Jetty itself. */
    static final int JETTY_THREADS = 8;
    /** The longest a request waits for a worker before it gets 503. */
    static final Duration QUEUE_WAIT = Duration.ofSeconds(10);

    private final Server server;
    private final ServerConnector connector;

    public JettyTransport(VendorServerSettings s, RequestHandler handler) throws Exception {
        // The pool's own job queue stays unbounded, as Jetty requires (a full one drops Jetty's internal
        // tasks too: closes, timeouts); what is bounded is the requests, by the QoSHandler below.
        QueuedThreadPool pool = new QueuedThreadPool(s.maxThreads(), Math.min(8, s.maxThreads()), 60_000);
        pool.setName("vendor-http");
        server = new Server(pool);
        server.setStopAtShutdown(false);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(s.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Paths are routed on the raw text and releases looked up in the catalog, never on the file
        // system, so "..%2F" is just an unknown module (6001), as docs/protocol.md §5.8 says, not Jetty's 400 page.
        http.setUriCompliance(UriCompliance.DEFAULT.with("vendor", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        if (s.tlsKeystore() != null) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(s.tlsKeystore().toAbsolutePath().toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword(s.tlsKeystorePassword() == null ? "" : s.tlsKeystorePassword());
            // Clients name the server by the address they were given; SNI is not required to match a certificate.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(server, new SslConnectionFactory(tls, http11.getProtocol()), http11);
        } else {
            connector = new ServerConnector(server, http11);
        }
        connector.setHost(s.bindAddress());
        connector.setPort(s.port());
        connector.setIdleTimeout(s.idleTimeout().toMillis());
        connector.addEventListener(new HeaderDeadline(server.getScheduler(), s.headerTimeout()));
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder("vendor", new VendorServlet(handler,
                TrustedProxies.parse(s.trustedProxies()))), "/*");
        // At most maxThreads - JETTY_THREADS requests run at once (the rest of the pool is Jetty's:
        // acceptor, selectors, reserved); up to maxQueuedRequests more wait at most QUEUE_WAIT, any
        // beyond that get 503 at once. Bodies are read before (WholeBodyHandler), holding no thread.
        QoSHandler limit = new QoSHandler(context.get());
        limit.setMaxRequestCount(s.maxThreads() - JETTY_THREADS);
        limit.setMaxSuspendedRequestCount(s.maxQueuedRequests());
        limit.setMaxSuspend(QUEUE_WAIT);
        server.setHandler(new WholeBodyHandler(limit, RequestHandler::bodyLimit, s.bodyTimeout()));
        try {
            server.start();
        } catch (Exception e) {
            // A port in use fails here, after the pool's threads started: stop them too.
            server.stop();
            throw e;
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public boolean secure() {
        return connector.getDefaultConnectionFactory() instanceof SslConnectionFactory;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop cleanly", e);
        }
    }
}
