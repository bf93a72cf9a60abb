package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pbx.marketplace.server.internal.catalog.DemoData;
import org.pbx.marketplace.server.internal.error.ErrorCode;

/** docs/protocol.md is the single source: its error table, endpoints and demo coupons must match the code. */
class ProtocolDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{4}) \\| (E_[A-Z_]+) \\| (\\d{3}) \\| (.+) \\| (.+) \\|$");

    private static String doc() throws Exception {
        return Files.readString(Path.of(System.getProperty("protocol.doc", "../docs/protocol.md")));
    }

    @Test
    void errorTableMatchesTheCode() throws Exception {
        List<String> documented = new ArrayList<>();
        for (String line : doc().split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                documented.add(String.join(" | ", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
            }
        }
        List<String> code = new ArrayList<>();
        for (ErrorCode e : ErrorCode.values()) {
            code.add(String.join(" | ", Integer.toString(e.code()), e.name(), Integer.toString(e.httpStatus()),
                    e.en(), e.ru()));
        }
        assertEquals(code, documented);
    }

    @Test
    void everyEndpointAndDemoCouponIsDocumented() throws Exception {
        String doc = doc();
        for (String endpoint : new String[] {"POST /v1/registrations", "POST /v1/licenses/validate",
                "POST /v1/licenses/release", "POST /v1/trials", "POST /v1/coupons/activate",
                "GET /v1/catalog/timestamp", "GET /v1/catalog", "GET /v1/modules/{id}/{version}/download",
                "GET /v1/keys", "GET /v1/root/{version}.json", "GET /v1/libraries/{name}/{version}/download", "\"libraries\"", "\"manifest\"", "pbx-root", "\"threshold\"", "\"signatures\"",
                "org.pbx.marketplace.trust", "pbx.marketplace.trustRoot", "POST /v1/licenses/offline", "X-Pbx-Installation-Key", "X-Pbx-Timestamp", "X-Pbx-Signature", "X-Pbx-License-Key", "X-Pbx-Trial-Product"}) {
            assertTrue(doc.contains(endpoint), endpoint);
        }
        for (String[] coupon : DemoData.COUPONS) {
            assertTrue(doc.contains(coupon[0]), coupon[0]);
        }
    }

    /** docs/vendor-admin.md lists every admin endpoint and every command of the admin tool. */
    @Test
    void everyAdminEndpointAndCommandIsDocumented() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("protocol.doc", "../docs/protocol.md"))
                .resolveSibling("vendor-admin.md"));
        for (String endpoint : new String[] {"GET `/admin/products`", "POST `/admin/products`",
                "GET `/admin/products/{id}`", "POST `/admin/products/{id}/trial`", "POST `/admin/products/{id}/features`",
                "POST `/admin/coupons`", "GET `/admin/coupons?", "POST `/admin/coupons/revoke`",
                "POST `/admin/licenses/revoke`", "GET `/admin/releases`", "POST `/admin/releases`",
                "admin product create", "admin product list", "admin product show", "admin product trial",
                "admin feature add", "admin coupon create", "admin coupon list", "admin coupon revoke",
                "admin license revoke", "admin release publish", "admin release list", "VENDOR_ADMIN_TOKEN",
                "GET `/admin/root`", "POST `/admin/root/renew`", "POST `/admin/root/rotate`", "POST `/admin/root/revoke`",
                "admin root show", "admin root renew", "admin root rotate", "admin root revoke",
                "GET `/admin/advisories`", "POST `/admin/advisories`", "admin advisory publish", "admin advisory list"}) {
            assertTrue(doc.contains(endpoint), endpoint);
        }
        for (ErrorCode e : ErrorCode.values()) {
            if (e.code() >= 8001 && e.code() <= 8009 || e.code() == 8020) {
                assertTrue(doc.contains(e.code() + " `" + e.name() + "`") || doc.contains(String.valueOf(e.code())),
                        e.name());
            }
        }
    }
}
