package org.pbx.marketplace.impl.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;
import org.pbx.marketplace.impl.internal.trust.Roots.Key;
import org.pbx.marketplace.impl.internal.trust.Roots.Spec;

/**
 * The PBX's trust in the vendor (docs/protocol.md §3.3): a pinned root, walked forward one verified
 * version at a time and persisted at each step; every kind of root that must not be believed.
 */
class TrustChainTest {

    @TempDir
    Path dir;

    private Path file;
    private final Key root1 = Key.fresh();
    private final Key license1 = Key.fresh();
    private final Key catalog1 = Key.fresh();
    private Spec v1;
    private String pinned;
    private final Roots.Server server = new Roots.Server();

    @BeforeEach
    void pin() {
        file = dir.resolve("trust-root.json");
        v1 = new Spec(root1, license1, catalog1);
        pinned = v1.sign(root1);
    }

    @Test
    void rotationOverThreeVersionsWithARestartInTheMiddle() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        Key license2 = Key.fresh();
        server.roots.put(2L, v1.next().with("license", license2).sign(root1));
        assertTrue(chain.walk(server));
        assertEquals(2, chain.current().version);
        assertEquals(license2.kid(), chain.current().keys(TrustRoot.LICENSE).keySet().iterator().next());

        // A restart: the same configured root, the stored step is resumed, not the configured version.
        TrustChain restarted = TrustChain.open(file, pinned);
        assertEquals(2, restarted.current().version, "resumed from the stored step");

        Key root3 = Key.fresh();
        Key catalog3 = Key.fresh();
        Spec v3 = v1.next().next().with("license", license2).with("root", root3).with("catalog", catalog3);
        server.roots.put(3L, v3.sign(root1, root3));
        assertTrue(restarted.walk(server));
        assertEquals(3, restarted.current().version);
        assertEquals(catalog3.kid(), restarted.current().keys(TrustRoot.CATALOG).keySet().iterator().next());
        assertFalse(restarted.walk(server), "nothing newer: the chain ends at 404");
        assertEquals(3, TrustChain.open(file, pinned).current().version, "each step is stored");
    }

    @Test
    void aRevokedKeyVerifiesNothingAfterTheNewRoot() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        String token = license1.jws("pbx-license");
        String catalog = catalog1.jws("pbx-catalog");
        new JwsVerifier(chain.current().keys(TrustRoot.LICENSE)).verify(token, "pbx-license");
        new JwsVerifier(chain.current().keys(TrustRoot.CATALOG)).verify(catalog, "pbx-catalog");

        // Both keys leaked: root 2 has neither.
        Key license2 = Key.fresh();
        Key catalog2 = Key.fresh();
        server.roots.put(2L, v1.next().with("license", license2).with("catalog", catalog2).sign(root1));
        chain.walk(server);
        ProtocolException refusedToken = assertThrows(ProtocolException.class,
                () -> new JwsVerifier(chain.current().keys(TrustRoot.LICENSE)).verify(token, "pbx-license"));
        assertEquals(ProtocolException.Kind.UNKNOWN_KEY, refusedToken.kind());
        assertThrows(ProtocolException.class,
                () -> new JwsVerifier(chain.current().keys(TrustRoot.CATALOG)).verify(catalog, "pbx-catalog"));
        new JwsVerifier(chain.current().keys(TrustRoot.LICENSE)).verify(license2.jws("pbx-license"), "pbx-license");
    }

    @Test
    void licenseAndCatalogKeysAreSeparate() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        assertThrows(ProtocolException.class, () -> new JwsVerifier(chain.current().keys(TrustRoot.LICENSE))
                .verify(catalog1.jws("pbx-license"), "pbx-license"), "the catalog key signs no license");
        assertThrows(ProtocolException.class, () -> new JwsVerifier(chain.current().keys(TrustRoot.CATALOG))
                .verify(license1.jws("pbx-catalog"), "pbx-catalog"), "the license key signs no catalog");
    }

    @Test
    void aRootThatSkipsAVersionIsRefused() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        Spec v3 = v1.next().next();
        server.roots.put(2L, v3.sign(root1));
        TrustException e = assertThrows(TrustException.class, () -> chain.walk(server));
        assertTrue(e.getMessage().contains("skipped or reused"), e.getMessage());
        assertEquals(1, chain.current().version);
        assertEquals(1, TrustChain.open(file, pinned).current().version, "nothing of it was stored");
    }

    @Test
    void aReusedVersionIsRefused() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        Spec again = new Spec(root1, Key.fresh(), catalog1);
        server.roots.put(2L, again.sign(root1));
        assertThrows(TrustException.class, () -> chain.walk(server));
        assertEquals(license1.kid(), chain.current().keys(TrustRoot.LICENSE).keySet().iterator().next());
    }

    @Test
    void aRollbackToAnOlderRootIsNotTaken() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        server.roots.put(2L, v1.next().sign(root1));
        server.roots.put(3L, v1.next().next().sign(root1));
        chain.walk(server);
        assertEquals(3, chain.current().version);
        // The configuration still names version 1 (as shipped): the PBX stays at 3 after a restart.
        assertEquals(3, TrustChain.open(file, pinned).current().version);
        // And a server that now offers its version 2 again as the next one is refused.
        Roots.Server rolledBack = new Roots.Server();
        rolledBack.roots.put(4L, v1.next().sign(root1));
        assertThrows(TrustException.class, () -> TrustChain.open(file, pinned).walk(rolledBack));
    }

    @Test
    void anExpiredRootIsSeenAsExpired() throws Exception {
        Spec old = new Spec(root1, license1, catalog1);
        old.expires = System.currentTimeMillis() / 1000 - 60;
        TrustChain chain = TrustChain.open(file, old.sign(root1));
        assertTrue(chain.current().expired(System.currentTimeMillis()));
        // A renewed root heals it.
        Spec renewed = old.next();
        renewed.expires = System.currentTimeMillis() / 1000 + Roots.YEAR_SECONDS;
        server.roots.put(2L, renewed.sign(root1));
        chain.walk(server);
        assertFalse(chain.current().expired(System.currentTimeMillis()));
    }

    @Test
    void aRootSignedOnlyByTheNewKeysIsRefused() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        Key root2 = Key.fresh();
        server.roots.put(2L, v1.next().with("root", root2).sign(root2));
        TrustException e = assertThrows(TrustException.class, () -> chain.walk(server));
        assertTrue(e.getMessage().contains("not signed by the root keys of version 1"), e.getMessage());
        assertEquals(1, chain.current().version);
    }

    @Test
    void aRootNotSignedByItsOwnNewRootKeyIsRefused() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        Key root2 = Key.fresh();
        server.roots.put(2L, v1.next().with("root", root2).sign(root1));
        assertThrows(TrustException.class, () -> chain.walk(server));
    }

    @Test
    void aRootSignedByTheWrongKeysIsRefused() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        server.roots.put(2L, v1.next().sign(license1));
        assertThrows(TrustException.class, () -> chain.walk(server), "the license key is no root key");
        assertThrows(TrustException.class, () -> TrustChain.open(dir.resolve("other.json"), v1.sign(catalog1)),
                "a configured root must be signed by its own root key");
    }

    @Test
    void aRootOfAnotherVendorIsRefused() throws Exception {
        TrustChain chain = TrustChain.open(file, pinned);
        // Another vendor's own chain, well signed by its own keys.
        Key otherRoot = Key.fresh();
        Spec other = new Spec(otherRoot, Key.fresh(), Key.fresh());
        other.vendor = "vendor-other";
        other.version = 2;
        server.roots.put(2L, other.sign(otherRoot));
        assertThrows(TrustException.class, () -> chain.walk(server));
        // Even signed with our root key (a confused vendor tool), another vendor name is refused.
        Spec renamed = v1.next();
        renamed.vendor = "vendor-other";
        Roots.Server confused = new Roots.Server();
        confused.roots.put(2L, renamed.sign(root1));
        TrustException e = assertThrows(TrustException.class, () -> chain.walk(confused));
        assertTrue(e.getMessage().contains("another vendor"), e.getMessage());
        // A PBX re-configured for another vendor starts from that vendor's root, not from the stored step.
        server.roots.clear();
        server.roots.put(2L, v1.next().sign(root1));
        chain.walk(server);
        Spec first = new Spec(otherRoot, Key.fresh(), Key.fresh());
        first.vendor = "vendor-other";
        assertEquals("vendor-other", TrustChain.open(file, first.sign(otherRoot)).current().vendor);
    }

    @Test
    void aKeyWhoseIdIsNotItsOwnIsRefused() {
        Key misnamed = new Key("ed25519-0000000000000000", license1.pair());
        String forged = new Spec(root1, misnamed, catalog1).sign(root1);
        TrustException e = assertThrows(TrustException.class, () -> TrustRoot.parse(forged));
        assertTrue(e.getMessage().contains("does not belong to its key"), e.getMessage());
    }

    @Test
    void nothingIsStoredWhenTheConfiguredRootIsBad() {
        assertThrows(TrustException.class, () -> TrustChain.open(file, "{\"signed\":\"e30\",\"signatures\":[]}"));
        assertFalse(Files.exists(file));
    }
}
