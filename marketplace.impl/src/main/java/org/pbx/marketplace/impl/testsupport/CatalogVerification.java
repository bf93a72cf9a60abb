package org.pbx.marketplace.impl.testsupport;

import java.security.PublicKey;
import java.util.Map;

import org.pbx.marketplace.impl.internal.catalog.TestSupportAccess;

/**
 * What the catalog's fetcher does with a downloaded catalog: the hash announced by the timestamp,
 * the JWS verification by the pinned keys, the parse into the catalog document.
 */
public final class CatalogVerification {

    private final TestSupportAccess.Verification verification;

    /** @param pinned the vendor keys the PBX pins, by kid */
    public CatalogVerification(Map<String, PublicKey> pinned) {
        verification = new TestSupportAccess.Verification(pinned);
    }

    /**
     * @param body the catalog's bytes
     * @return their SHA-256 as the timestamp announces it
     */
    public static String sha256(byte[] body) {
        return TestSupportAccess.Verification.sha256(body);
    }

    /**
     * @param body            the downloaded catalog (compact JWS)
     * @param announcedSha256 the hash the timestamp announced
     * @return the parsed document (opaque: its type is internal)
     * @throws Exception when the hash differs, the signature or an entry's spelling is wrong
     */
    public Object verify(byte[] body, String announcedSha256) throws Exception {
        return verification.verify(body, announcedSha256);
    }

    /**
     * @param document a document returned by {@link #verify}
     * @return how many modules it lists
     */
    public int modules(Object document) {
        return verification.modules(document);
    }
}
