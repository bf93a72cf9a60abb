package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.impl.internal.protocol.VendorClient;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Learns the vendor keys from GET /v1/keys, once, when none are configured: only from a server on
 * this machine (the demo host's own reference server), never over the network, where the answer
 * could come from anyone.
 */
final class VendorKeysBootstrap {

    private VendorKeysBootstrap() {
    }

    static boolean allowed(VendorClient client) {
        return "http".equalsIgnoreCase(client.base().getScheme()) || isLoopbackHttps(client);
    }

    private static boolean isLoopbackHttps(VendorClient client) {
        String host = client.base().getHost();
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    static Map<String, String> fetch(VendorClient client) throws LicenseException {
        try {
            VendorClient.Answer answer = client.get("/v1/keys", Map.of(), false);
            if (answer.status != 200 || !answer.isJson()) {
                throw new LicenseException(Reason.NO_VENDOR_KEYS.dto());
            }
            JsonNode keys = LicenseStore.MAPPER.readTree(answer.body);
            Map<String, String> learned = new LinkedHashMap<>();
            keys.fields().forEachRemaining(e -> learned.put(e.getKey(), e.getValue().asText()));
            return learned;
        } catch (VendorUnreachableException e) {
            throw new LicenseException(Reason.SERVER_DOWN.dto(e.getMessage()));
        } catch (IOException e) {
            throw new LicenseException(Reason.NO_VENDOR_KEYS.dto());
        }
    }
}
