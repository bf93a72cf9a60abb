package org.pbx.marketplace.server.internal.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pbx.marketplace.server.internal.http.HttpRequest;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.http.RequestHandler;

/** Serves a RequestHandler on the JDK's built-in HTTP server: no container needed outside OSGi. */
public final class JdkHttpTransport implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;

    public JdkHttpTransport(String bindAddress, int port, RequestHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
        workers = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "vendor-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, RequestHandler handler) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(RequestHandler.bodyLimit(exchange.getRequestURI().getRawPath()) + 1);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            HttpRequest request = new HttpRequest(exchange.getRequestMethod(), "",
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers, body,
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            HttpResponse response = handler.handle(request);
            response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            boolean noBody = response.body().length == 0 || "HEAD".equals(request.method());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
