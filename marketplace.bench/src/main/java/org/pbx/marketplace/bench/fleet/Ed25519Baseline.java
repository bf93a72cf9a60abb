package org.pbx.marketplace.bench.fleet;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The bare work of one validate: verify the PBX's request signature, sign the answer, in a loop on
 * as many threads as there are cores; BouncyCastle's Ed25519 (what the server uses, through the same
 * lightweight API) and the JDK's (what it used before), over the same bytes, on the same clock,
 * alternating rounds so both see the same machine.
 */
final class Ed25519Baseline {
    /** Operations per second of each round, and the per-op time of sign and verify alone. */
    record Result(double[] rounds, double signMicros, double verifyMicros) {
        double mean() {
            double sum = 0;
            for (double r : rounds) {
                sum += r;
            }
            return sum / rounds.length;
        }

        double error() {
            return Stats.stdev(rounds);
        }
    }

    /** One implementation's verify + sign, made per thread (neither is shared across threads). */
    interface Work {
        boolean verify(byte[] message, byte[] signature);

        byte[] sign(byte[] message);
    }

    private final byte[] request;
    private final byte[] requestSignature;
    private final byte[] answer;
    private final KeyPair vendor;
    private final KeyPair pbx;

    /**
     * @param request the signing string of a real validate request
     * @param answer  the signing input (header.payload) of a real token
     */
    Ed25519Baseline(byte[] request, byte[] answer) throws Exception {
        this.request = request;
        this.answer = answer;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        this.vendor = generator.generateKeyPair();
        this.pbx = generator.generateKeyPair();
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pbx.getPrivate());
        s.update(request);
        this.requestSignature = s.sign();
    }

    static Ed25519Baseline ofText(String signingString, String token) throws Exception {
        return new Ed25519Baseline(signingString.getBytes(StandardCharsets.UTF_8),
                token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
    }

    Work jdk() {
        return new Work() {
            @Override
            public boolean verify(byte[] message, byte[] signature) {
                try {
                    Signature v = Signature.getInstance("Ed25519");
                    v.initVerify(pbx.getPublic());
                    v.update(message);
                    return v.verify(signature);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public byte[] sign(byte[] message) {
                try {
                    Signature s = Signature.getInstance("Ed25519");
                    s.initSign(vendor.getPrivate());
                    s.update(message);
                    return s.sign();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    Work bouncyCastle() {
        byte[] pbxPublic = pbx.getPublic().getEncoded();
        Ed25519PublicKeyParameters verifyKey = new Ed25519PublicKeyParameters(pbxPublic, pbxPublic.length - 32);
        Ed25519PrivateKeyParameters signKey = new Ed25519PrivateKeyParameters(
                ((EdECPrivateKey) vendor.getPrivate()).getBytes().orElseThrow(), 0);
        return new Work() {
            @Override
            public boolean verify(byte[] message, byte[] signature) {
                Ed25519Signer v = new Ed25519Signer();
                v.init(false, verifyKey);
                v.update(message, 0, message.length);
                return v.verifySignature(signature);
            }

            @Override
            public byte[] sign(byte[] message) {
                Ed25519Signer s = new Ed25519Signer();
                s.init(true, signKey);
                s.update(message, 0, message.length);
                return s.generateSignature();
            }
        };
    }

    /** Checks that both give the same signature (RFC 8032 is deterministic) and accept each other's. */
    void crossCheck() {
        byte[] a = jdk().sign(answer);
        byte[] b = bouncyCastle().sign(answer);
        if (!java.util.Arrays.equals(a, b) || !jdk().verify(request, requestSignature) || !bouncyCastle().verify(request, requestSignature)) {
            throw new IllegalStateException("JDK and BouncyCastle Ed25519 disagree");
        }
    }

    /** Both implementations' results of one interleaved measurement. */
    record Both(Result jdk, Result bouncyCastle) {
    }

    /**
     * verify + sign per op on {@code threads} threads: each implementation warmed up until its JIT
     * has compiled the field arithmetic, then rounds of {@code millis} alternating JDK and
     * BouncyCastle, so a change in the machine's load hits both alike.
     */
    Both measure(int threads, int rounds, long millis) throws InterruptedException {
        warm(this::jdk, threads, millis);
        warm(this::bouncyCastle, threads, millis);
        double[] jdkRounds = new double[rounds];
        double[] bcRounds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            jdkRounds[r] = loop(this::jdk, threads, millis, Step.BOTH);
            bcRounds[r] = loop(this::bouncyCastle, threads, millis, Step.BOTH);
        }
        return new Both(alone(this::jdk, threads, millis, jdkRounds), alone(this::bouncyCastle, threads, millis, bcRounds));
    }

    /** One round of the server's verify + sign (BouncyCastle; ops/s), to interleave with the server's rounds under the same load. */
    double serverRound(int threads, long millis) throws InterruptedException {
        return loop(this::bouncyCastle, threads, millis, Step.BOTH);
    }

    /** Warm-up: at least {@code millis} and until the rate stops rising by more than 5 % (at most ten steps). */
    private void warm(java.util.function.Supplier<Work> impl, int threads, long millis) throws InterruptedException {
        double last = 0;
        for (int step = 0; step < 10; step++) {
            double rate = loop(impl, threads, millis, Step.BOTH);
            if (rate < last * 1.05) {
                return;
            }
            last = rate;
        }
    }

    private Result alone(java.util.function.Supplier<Work> impl, int threads, long millis, double[] rounds) throws InterruptedException {
        double sign = threads * 1e6 / loop(impl, threads, millis / 2, Step.SIGN);
        double verify = threads * 1e6 / loop(impl, threads, millis / 2, Step.VERIFY);
        return new Result(rounds, sign, verify);
    }

    private enum Step { BOTH, SIGN, VERIFY }

    private double loop(java.util.function.Supplier<Work> impl, int threads, long millis, Step step) throws InterruptedException {
        LongAdder ops = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Work work = impl.get();
            workers.add(Load.daemon("ed25519-" + t, () -> {
                long n = 0;
                while (!stop.get()) {
                    boolean ok = step == Step.SIGN || work.verify(request, requestSignature);
                    byte[] sig = step == Step.VERIFY ? requestSignature : work.sign(answer);
                    if (!ok || sig.length != 64) {
                        throw new IllegalStateException("Ed25519 failed");
                    }
                    n++;
                }
                ops.add(n);
            }));
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
        for (Thread w : workers) {
            w.join(10_000);
        }
        return ops.sum() / ((System.nanoTime() - start) / 1e9);
    }
}
