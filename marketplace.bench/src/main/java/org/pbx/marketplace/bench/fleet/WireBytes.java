package org.pbx.marketplace.bench.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.pbx.marketplace.impl.testsupport.VendorRequests;

/**
 * What a PBX really puts on the wire: the product's own VendorClient (the JDK HttpClient with its
 * headers, HTTP/2 upgrade offer included) through a loopback relay that counts every byte of the
 * HTTP exchange both ways. TCP and TLS framing are not counted. A fresh client per exchange, as
 * the PBX's checks are an hour or more apart, longer than the client keeps a connection.
 */
final class WireBytes implements AutoCloseable {
    /** Bytes of one exchange, request (head + body) and answer (head + body). */
    record Exchange(long sent, long received, int status) {
        long total() {
            return sent + received;
        }
    }

    private final ServerSocket relay;
    private final InetSocketAddress server;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final Thread acceptor;

    WireBytes(InetSocketAddress server) throws IOException {
        this.server = server;
        this.relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Load.daemon("wire-bytes-relay", this::accept);
        acceptor.start();
    }

    private void accept() {
        while (!relay.isClosed()) {
            try {
                Socket client = relay.accept();
                Socket upstream = new Socket(server.getAddress(), server.getPort());
                Load.daemon("relay-up", () -> pump(client, upstream, up)).start();
                Load.daemon("relay-down", () -> pump(upstream, client, down)).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                counter.addAndGet(n);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The other side hung up: the exchange is over.
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    /** The PBX's identity files as InstallationIdentity keeps them, owner-only. */
    static Path identity(Pbx pbx, Path dir) throws Exception {
        Files.createDirectories(dir);
        byte[] pkcs8 = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, pbx.seed)).getEncoded();
        write(dir.resolve("installation.key"), pkcs8);
        write(dir.resolve("installation.pub"), pbx.spki);
        return dir;
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
    }

    private VendorRequests client(Path identity) throws Exception {
        return VendorRequests.as(URI.create("http://127.0.0.1:" + relay.getLocalPort()), identity);
    }

    /** One validate as LicenseProtocol sends it (licenseKey, nonce). */
    Exchange validate(Path identity, String licenseKey) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("licenseKey", licenseKey);
        body.put("nonce", Pbx.nonce());
        byte[] json = TokenCheck.JSON.writeValueAsBytes(body);
        return measure(() -> client(identity).post(Requests.VALIDATE, json));
    }

    /** One unchanged-catalog check as CatalogFetcher makes it: the timestamp alone, unsigned. */
    Exchange timestamp(Path identity) throws Exception {
        return measure(() -> client(identity).get(Requests.TIMESTAMP));
    }

    private interface Call {
        int run() throws Exception;
    }

    private Exchange measure(Call call) throws Exception {
        long u0 = up.get();
        long d0 = down.get();
        int status = call.run();
        return new Exchange(up.get() - u0, down.get() - d0, status);
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
