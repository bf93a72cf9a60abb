package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server serves HTTPS when given a PKCS#12 keystore (the JDK's keytool makes one here). */
class TlsTest {
    private static final String PASSWORD = "test-keystore-password";

    @TempDir
    Path dir;

    private Path keystore() throws Exception {
        Path file = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "vendor", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.exitValue(), output);
        return file;
    }

    private static HttpClient trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        Path keystore = keystore();
        try (VendorServer server = VendorServer.start(VendorServerSettings.builder(dir.resolve("data"))
                .tls(keystore, PASSWORD).build())) {
            assertTrue(server.baseUrl().toString().startsWith("https://127.0.0.1:"), server.baseUrl().toString());
            HttpResponse<String> keys = trusting(keystore).send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/v1/keys")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, keys.statusCode());
            assertTrue(keys.body().contains("ed25519-"), keys.body());
            // Plain HTTP to the TLS port gets no HTTP answer at all (a TLS alert, then the close).
            assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v1/keys")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void aWrongKeystorePasswordFailsTheStartSayingWhy() throws Exception {
        Path keystore = keystore();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VendorServer.start(
                VendorServerSettings.builder(dir.resolve("data")).tls(keystore, "wrong").build()));
        assertTrue(e.getMessage().contains("cannot serve"), e.getMessage());
    }
}
