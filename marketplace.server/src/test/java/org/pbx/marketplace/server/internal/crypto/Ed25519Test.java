package org.pbx.marketplace.server.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BouncyCastle's Ed25519 behind {@link Ed25519} against the JDK's, which wrote every key and signed
 * every request before it: the same key files, the same signatures, each verifying the other's.
 */
class Ed25519Test {
    private static final byte[] MESSAGE = "POST\n/v1/licenses/validate\n1772359200\ne3b0c442".getBytes(StandardCharsets.UTF_8);

    @Test
    void aVendorKeyWrittenByTheJdkIsReadAndItsSignaturesVerifyWithTheJdk(@TempDir Path dir) throws Exception {
        KeyPair jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // The files exactly as the JDK-based VendorKeys wrote them: PKCS#8 and SPKI DER.
        Files.write(dir.resolve("vendor-ed25519.pk8"), jdk.getPrivate().getEncoded());
        Files.write(dir.resolve("vendor-ed25519.spki"), jdk.getPublic().getEncoded());

        VendorKeys keys = VendorKeys.loadOrCreate(dir);

        assertEquals(VendorKeys.kidOf(jdk.getPublic().getEncoded()), keys.kid(), "the kid PBXs pinned");
        assertArrayEquals(jdk.getPublic().getEncoded(), keys.spki());
        byte[] bc = keys.sign(MESSAGE);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(jdk.getPublic());
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(bc), "the JDK verifies BouncyCastle's signature");
        // RFC 8032 signatures are deterministic: the very bytes the JDK would have sent.
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(jdk.getPrivate());
        signer.update(MESSAGE);
        assertArrayEquals(signer.sign(), bc);
    }

    @Test
    void aKeyMadeNowIsReadByTheJdkInTheSameFormats(@TempDir Path dir) throws Exception {
        VendorKeys keys = VendorKeys.loadOrCreate(dir);
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        byte[] pkcs8 = Files.readAllBytes(dir.resolve("vendor-ed25519.pk8"));
        byte[] spki = Files.readAllBytes(dir.resolve("vendor-ed25519.spki"));
        assertArrayEquals(pkcs8, factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)).getEncoded());
        PublicKey jdkPublic = factory.generatePublic(new X509EncodedKeySpec(spki));
        assertArrayEquals(spki, jdkPublic.getEncoded());

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(jdkPublic);
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(keys.sign(MESSAGE)));
        assertEquals(keys.kid(), VendorKeys.loadOrCreate(dir).kid(), "read back after a restart");
    }

    @Test
    void aJdkSignatureVerifiesWithBouncyCastleAndAWrongOneDoesNot() throws Exception {
        KeyPair pbx = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pbx.getPrivate());
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        Ed25519.PublicKey key = Ed25519.publicKey(pbx.getPublic().getEncoded());

        assertTrue(key.verify(MESSAGE, signature));
        byte[] other = MESSAGE.clone();
        other[0] ^= 1;
        assertFalse(key.verify(other, signature), "another message");
        byte[] flipped = signature.clone();
        flipped[10] ^= 1;
        assertFalse(key.verify(MESSAGE, flipped), "a changed signature");
        assertFalse(key.verify(MESSAGE, Arrays.copyOf(signature, 63)), "a short signature");
        assertFalse(key.verify(MESSAGE, Arrays.copyOf(signature, 65)), "a long signature");
        assertFalse(Ed25519.publicKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded())
                .verify(MESSAGE, signature), "another key");
    }

    @Test
    void onlyTheOneDerSpellingOfACanonicalPointIsAKey() throws Exception {
        byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        Ed25519.publicKey(spki);
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(Arrays.copyOf(spki, 45)), "a trailing byte");
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(Arrays.copyOf(spki, 43)), "one byte short");
        byte[] x25519 = spki.clone();
        x25519[8] = 0x6e; // OID 1.3.101.110: an X25519 key of the same length
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(x25519));
        // y = p (2^255 - 19) spells the point y = 0 a second way: not canonical, refused.
        byte[] nonCanonical = spki.clone();
        Arrays.fill(nonCanonical, 12, 44, (byte) 0xff);
        nonCanonical[12] = (byte) 0xed; // little-endian, the x sign bit clear
        nonCanonical[43] = 0x7f;
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(nonCanonical));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(null));
    }

    @Test
    void unreadableOrMismatchedKeyFilesStopTheStartWithTheReason(@TempDir Path dir) throws Exception {
        VendorKeys.loadOrCreate(dir);
        Path pub = dir.resolve("vendor-ed25519.spki");
        Files.write(pub, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        IllegalStateException mismatch = assertThrows(IllegalStateException.class, () -> VendorKeys.loadOrCreate(dir));
        assertTrue(mismatch.getMessage().contains("is not the public half of"), mismatch.getMessage());

        Files.write(dir.resolve("vendor-ed25519.pk8"), new byte[] {1, 2, 3});
        IllegalStateException unreadable = assertThrows(IllegalStateException.class, () -> VendorKeys.loadOrCreate(dir));
        assertTrue(unreadable.getMessage().contains("PKCS#8"), unreadable.getMessage());
    }
}
