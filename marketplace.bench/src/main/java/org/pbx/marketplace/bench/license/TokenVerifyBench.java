package org.pbx.marketplace.bench.license;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pbx.marketplace.bench.Vendor;
import org.pbx.marketplace.impl.testsupport.TokenCheck;

/**
 * Issue 7, "token verify": what the PBX does with a stored token at start (the license protocol's
 * restore, through testsupport's TokenCheck: JwsVerifier, Token parsing, installation and key checks) against the JDK's Ed25519 verify of
 * the same signed bytes, the floor no verifier can go below.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerifyBench {

    private static final String INSTALLATION = "4f1c2a9e0b7d35c8a6e2f10d9b3c7e55";

    private String jws;
    private TokenCheck protocol;
    private PublicKey key;
    private byte[] signingInput;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("bench-token");
        Vendor vendor = Vendor.create(dir);
        jws = vendor.licenseToken(INSTALLATION, System.currentTimeMillis() / 1000, "marketplace", "call-recording");
        protocol = new TokenCheck(vendor.pinned(), INSTALLATION);
        key = vendor.publicKey();
        int lastDot = jws.lastIndexOf('.');
        signingInput = jws.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(jws.substring(lastDot + 1));
        if (protocol.features(protocol.restore(jws, Vendor.LICENSE_KEY)).size() != 2 || !baseline()) {
            throw new IllegalStateException("the bench token does not verify");
        }
    }

    @Benchmark
    public Object ours() throws Exception {
        return protocol.restore(jws, Vendor.LICENSE_KEY);
    }

    @Benchmark
    public boolean baseline() throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }
}
