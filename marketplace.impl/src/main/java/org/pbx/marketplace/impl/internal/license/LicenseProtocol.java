package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.ProtocolException;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The license endpoints of docs/protocol.md from the PBX's side. Every answer is verified before
 * it is believed: a token or a refusal counts only when signed by a pinned vendor key, for our
 * nonce, our installation and our key. Anything else is "unreachable" and changes nothing.
 */
final class LicenseProtocol {

    static final String LICENSE = "pbx-license";
    static final String REFUSAL = "pbx-refusal";
    /** How far in the future a document's iat may be (clock differences). */
    static final long MAX_FUTURE_MILLIS = 5 * 60_000;

    /** A verified answer: either a token or a signed refusal. */
    static final class Outcome {
        final Token token;
        final LicenseStatus refusedAs;
        final String refusalCode;
        final Map<String, String> refusalMessage;
        /** A registration's answer: whether the vendor mailed the key (null: it did not say, e.g. an older server). */
        final Boolean letterSent;

        private Outcome(Token token, LicenseStatus refusedAs, String refusalCode, Map<String, String> refusalMessage) {
            this(token, refusedAs, refusalCode, refusalMessage, null);
        }

        private Outcome(Token token, LicenseStatus refusedAs, String refusalCode, Map<String, String> refusalMessage,
                Boolean letterSent) {
            this.token = token;
            this.refusedAs = refusedAs;
            this.refusalCode = refusalCode;
            this.refusalMessage = refusalMessage;
            this.letterSent = letterSent;
        }

        /** A verified refusal as {@link #verifiedRefusal} makes it. */
        static Outcome refused(LicenseStatus status, String code, Map<String, String> message) {
            return new Outcome(null, status, code, message);
        }
    }

    private final VendorClient client;
    private final JwsVerifier verifier;
    private final String installationId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SelfReport self;

    LicenseProtocol(VendorClient client, JwsVerifier verifier, String installationId, Clock clock) {
        this(client, verifier, installationId, clock, SelfReport.none());
    }

    /** @param self what the requests tell the vendor about this PBX (host name, PBX version) */
    LicenseProtocol(VendorClient client, JwsVerifier verifier, String installationId, Clock clock, SelfReport self) {
        this.self = self;
        this.client = client;
        this.verifier = verifier;
        this.installationId = installationId;
        this.clock = clock;
    }

    Outcome register(RegistrationDTO form) throws LicenseException, VendorUnreachableException {
        String nonce = nonce();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("companyName", form.companyName);
        body.put("email", form.email);
        body.put("contactName", form.contactName);
        body.put("phone", form.phone);
        body.put("companyId", form.companyId);
        body.put("language", form.language == null ? "ru" : form.language);
        body.put("nonce", nonce);
        body.putAll(self.fields());
        VendorClient.Answer answer = client.post("/v1/registrations", json(body));
        if (answer.status == 201 && answer.isJson()) {
            JsonNode created = parse(answer);
            String key = Keys.normalize(created.path("licenseKey").asText(null));
            JsonNode letter = created.path("letterSent");
            return new Outcome(verifiedToken(created.path("token").asText(""), nonce, key), null, null, null,
                    letter.isBoolean() ? letter.booleanValue() : null);
        }
        return outcome(answer, nonce, null);
    }

    Outcome validate(String key) throws LicenseException, VendorUnreachableException {
        return exchange("/v1/licenses/validate", key, Map.of());
    }

    Outcome trial(String key, String productId) throws LicenseException, VendorUnreachableException {
        return exchange("/v1/trials", key, Map.of("productId", productId));
    }

    Outcome coupon(String key, String coupon) throws LicenseException, VendorUnreachableException {
        return exchange("/v1/coupons/activate", key, Map.of("coupon", coupon));
    }

    void release(String key) throws LicenseException, VendorUnreachableException {
        VendorClient.Answer answer = client.post("/v1/licenses/release", json(Map.of("licenseKey", key)));
        if (answer.status == 204) {
            return;
        }
        if (answer.status == 404 && isVendorError(answer)) {
            return; // the vendor does not know the key: nothing is bound to release
        }
        raise(answer);
    }

    /** A verified token restored from disk: signature, installation and key; not the nonce of a past request. */
    Token restore(String jws, String key) throws ProtocolException {
        return check(jws, null, key, false);
    }

    private Outcome exchange(String path, String key, Map<String, String> extra)
            throws LicenseException, VendorUnreachableException {
        String nonce = nonce();
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("licenseKey", key);
        body.put("nonce", nonce);
        body.putAll(self.fields());
        return outcome(client.post(path, json(body)), nonce, key);
    }

    private Outcome outcome(VendorClient.Answer answer, String nonce, String key)
            throws LicenseException, VendorUnreachableException {
        if (answer.status == 200 && answer.isJose()) {
            return new Outcome(verifiedToken(answer.text(), nonce, key), null, null, null);
        }
        if (answer.status == 403 && answer.isJose() && key != null) {
            return verifiedRefusal(answer.text(), nonce, key);
        }
        raise(answer);
        throw new IllegalStateException("unreachable");
    }

    private Token verifiedToken(String jws, String nonce, String key) throws VendorUnreachableException {
        try {
            return check(jws, nonce, key, true);
        } catch (ProtocolException e) {
            throw new VendorUnreachableException("the answer could not be verified: " + e.getMessage());
        }
    }

    private Token check(String jws, String nonce, String key, boolean fresh) throws ProtocolException {
        JsonNode claims = verifier.verify(jws, LICENSE);
        Token token;
        try {
            token = Token.of(jws, claims);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, e.getMessage());
        }
        long now = clock.millis();
        if (nonce != null && !nonce.equals(token.nonce)) {
            throw new ProtocolException(ProtocolException.Kind.NOT_FOR_US, "the token answers another request (nonce)");
        }
        if (!installationId.equals(token.installationId)) {
            throw new ProtocolException(ProtocolException.Kind.NOT_FOR_US, "the token is for another installation");
        }
        if (key == null || !key.equals(Keys.normalize(token.licenseKey))) {
            throw new ProtocolException(ProtocolException.Kind.NOT_FOR_US, "the token is for another license key");
        }
        if (fresh && (token.issuedAt > now + MAX_FUTURE_MILLIS || token.expiresAt <= now)) {
            throw new ProtocolException(ProtocolException.Kind.NOT_FOR_US, "the token is not valid now (iat/exp)");
        }
        return token;
    }

    private Outcome verifiedRefusal(String jws, String nonce, String key) throws VendorUnreachableException {
        JsonNode claims;
        try {
            claims = verifier.verify(jws, REFUSAL);
        } catch (ProtocolException e) {
            throw new VendorUnreachableException("a refusal could not be verified: " + e.getMessage());
        }
        long now = clock.millis();
        boolean ours = nonce.equals(claims.path("nonce").asText())
                && installationId.equals(claims.path("installationId").asText())
                && Keys.sha256Hex(key).equals(claims.path("licenseKeyHash").asText())
                && claims.path("iat").asLong() * 1000 <= now + MAX_FUTURE_MILLIS;
        if (!ours) {
            throw new VendorUnreachableException("a signed refusal that does not answer our request was ignored");
        }
        String reason = claims.path("reason").asText();
        if ("SEAT_RELEASED".equals(reason)) {
            // Our own words, with the date: what happened, and that the admin takes the seat back by asking.
            long at = claims.path("releasedAt").asLong(claims.path("iat").asLong());
            ReasonDTO released = Reason.SEAT_RELEASED.dto(Technical.date(java.time.Instant.ofEpochSecond(at)));
            return new Outcome(null, LicenseStatus.INVALID, released.code, released.message);
        }
        LicenseStatus status = "REVOKED".equals(reason) ? LicenseStatus.REVOKED
                : "EXPIRED".equals(reason) ? LicenseStatus.EXPIRED : LicenseStatus.INVALID;
        Map<String, String> message = Map.of(
                "en", claims.path("message").path("en").asText(reason),
                "ru", claims.path("message").path("ru").asText(reason));
        return new Outcome(null, status, claims.path("name").asText(reason), message);
    }

    /** Throws the vendor's numbered error (our mistake: tell the user) or, for anything else, unreachable. */
    private static void raise(VendorClient.Answer answer) throws LicenseException, VendorUnreachableException {
        if (answer.status >= 400 && answer.status < 500 && isVendorError(answer)) {
            JsonNode error = parse(answer);
            ReasonDTO reason = Reason.of(error.path("name").asText(),
                    error.path("message").path("en").asText(), error.path("message").path("ru").asText());
            // The offending form field, so the page can show the message beside it.
            reason.field = error.path("field").isTextual() ? error.path("field").asText() : null;
            throw new LicenseException(reason);
        }
        throw new VendorUnreachableException(answer.status >= 500 ? "the server answered HTTP " + answer.status
                : "the answer is not the marketplace protocol (HTTP " + answer.status + ", " + answer.contentType + ")");
    }

    private static boolean isVendorError(VendorClient.Answer answer) {
        if (!answer.isJson()) {
            return false;
        }
        JsonNode error = parse(answer);
        return error.path("code").isInt() && error.path("name").asText("").startsWith("E_")
                && error.path("message").path("en").isTextual() && error.path("message").path("ru").isTextual();
    }

    private static JsonNode parse(VendorClient.Answer answer) {
        try {
            return LicenseStore.MAPPER.readTree(answer.body);
        } catch (IOException e) {
            return LicenseStore.MAPPER.missingNode();
        }
    }

    private static byte[] json(Object body) {
        try {
            return LicenseStore.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String nonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
