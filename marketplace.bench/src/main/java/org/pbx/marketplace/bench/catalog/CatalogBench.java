package org.pbx.marketplace.bench.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pbx.marketplace.bench.Vendor;
import org.pbx.marketplace.impl.testsupport.CatalogVerification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 7, "catalog": what CatalogFetcher does with a downloaded catalog (hash against the
 * timestamp, JwsVerifier, CatalogDocument; through testsupport's CatalogVerification) against
 * Jackson reading the same payload unverified.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CatalogBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Param({"100", "1000", "10000"})
    public int modules;

    private byte[] body;
    private String announcedSha256;
    private CatalogVerification verifier;

    @Setup
    public void setUp() throws Exception {
        Vendor vendor = Vendor.shared();
        body = vendor.catalog(modules, System.currentTimeMillis() / 1000).getBytes(StandardCharsets.US_ASCII);
        announcedSha256 = CatalogVerification.sha256(body);
        verifier = new CatalogVerification(vendor.pinned());
        if (verifier.modules(ours()) != modules) {
            throw new IllegalStateException("the bench catalog does not verify");
        }
    }

    @Benchmark
    public Object ours() throws Exception {
        return verifier.verify(body, announcedSha256);
    }

    @Benchmark
    public JsonNode baseline() throws Exception {
        // The least a client must do to read the received bytes: find and decode the payload, parse it.
        int first = indexOf(body, 0);
        ByteBuffer payload = Base64.getUrlDecoder().decode(ByteBuffer.wrap(body, first + 1, indexOf(body, first + 1) - first - 1));
        return MAPPER.readTree(payload.array(), payload.arrayOffset(), payload.remaining());
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '.') {
                return i;
            }
        }
        throw new IllegalStateException("not a compact JWS");
    }
}
