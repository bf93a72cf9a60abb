package org.pbx.marketplace.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A short fingerprint of a DTO, equal exactly when what the page shows of it is. GET /state answers
 * the current ones; GET /license and GET /modules send the one of the very DTO they answer in
 * {@value #HEADER}, so the page compares /state with what it shows, not with an earlier /state: a
 * change between its /state and its load would otherwise be taken for seen, and a later change back
 * to that earlier /state would never be loaded.
 */
final class Fingerprint {

    /** The response header of GET /license and GET /modules. */
    static final String HEADER = "Marketplace-Fingerprint";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fingerprint() {
    }

    /** The first 16 hex digits of SHA-256 of the value's JSON. */
    static String of(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a DTO always serializes and SHA-256 is always there", e);
        }
    }
}
