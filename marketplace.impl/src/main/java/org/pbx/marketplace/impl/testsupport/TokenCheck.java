package org.pbx.marketplace.impl.testsupport;

import java.security.PublicKey;
import java.util.Map;
import java.util.Set;

import org.pbx.marketplace.impl.internal.license.TestSupportAccess;

/**
 * What the PBX does with a stored license token at start (the license protocol's restore: JWS
 * verification by the pinned keys, token parsing, installation and key checks), no vendor call.
 */
public final class TokenCheck {

    private final TestSupportAccess.TokenRestore restore;

    /**
     * @param pinned         the vendor keys the PBX pins, by kid
     * @param installationId the installation the token must be for
     */
    public TokenCheck(Map<String, PublicKey> pinned, String installationId) {
        restore = new TestSupportAccess.TokenRestore(pinned, installationId);
    }

    /**
     * @param jws the stored token
     * @param key the stored license key it must carry
     * @return the verified token (opaque: its type is internal)
     * @throws Exception when the token does not verify or is not for this installation and key
     */
    public Object restore(String jws, String key) throws Exception {
        return restore.restore(jws, key);
    }

    /**
     * @param token a token returned by {@link #restore}
     * @return the ids of the features it grants
     */
    public Set<String> features(Object token) {
        return restore.features(token);
    }
}
