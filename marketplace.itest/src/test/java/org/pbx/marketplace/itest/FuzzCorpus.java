package org.pbx.marketplace.itest;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A deterministic corpus of hostile requests to the REST API of docs/api.md. None of them is a
 * request that may change state: registrations always carry an e-mail without '@', module ids
 * are never a catalog's, so every answer but the harmless reads must be a refusal.
 */
final class FuzzCorpus {

    /** One request: what it is (the category counted in the report) and what goes on the wire. */
    static final class Case {
        final String category;
        final String method;
        final String path;
        final String contentType;
        final byte[] body;

        Case(String category, String method, String path, String contentType, byte[] body) {
            this.category = category;
            this.method = method;
            this.path = path;
            this.contentType = contentType;
            this.body = body;
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 120), StandardCharsets.ISO_8859_1);
            return category + ": " + method + " " + path + " [" + contentType + "] " + shown;
        }
    }

    /** A JSON endpoint and the fields its body takes. */
    private static final class Target {
        final String method;
        final String path;
        final String[] fields;

        Target(String method, String path, String... fields) {
            this.method = method;
            this.path = path;
            this.fields = fields;
        }
    }

    private static final String JSON = "application/json";
    private static final String[] HOSTILE = {
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
        "' OR '1'='1", "'; DROP TABLE licenses; --", "1 UNION SELECT password FROM users", "${jndi:ldap://x/a}",
        "../../../../etc/passwd", "%00", "\\u0000", "MKT-AAAAA-AAAAA-AAAAA-AAAAA", "MKTC-DEMO1-RECPR-0365D-0000X",
        "", " ", "null", "true", "0", "-1", "1e309", "🙂🙂🙂", "ООО «Ромашка»", "\u202Eevil", "{{7*7}}", "%s%s%s%n",
    };

    private final Random random;
    private final List<Case> cases = new ArrayList<>();

    FuzzCorpus(long seed) {
        this.random = new Random(seed);
    }

    List<Case> generate(String api) {
        List<Target> targets = List.of(
                new Target("POST", api + "/registration", "companyName", "email", "contactName", "phone", "companyId", "language"),
                new Target("PUT", api + "/license/key", "key"),
                new Target("POST", api + "/license/coupons", "coupon"),
                new Target("POST", api + "/license/trials", "productId"),
                new Target("POST", api + "/modules/no.such.module/install", "version"),
                new Target("POST", api + "/modules/no.such.module/downgrade", "version", "confirmAdvisories"));
        for (Target target : targets) {
            for (int i = 0; i < 900; i++) {
                jsonCase(target, i);
            }
            for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/javascript"}) {
                cases.add(new Case("wrong content type", target.method, target.path, type, bytes(validLooking(target))));
            }
            cases.add(new Case("10 MB body", target.method, target.path, JSON, tenMegabytes()));
        }
        String[] paths = {api + "/license", api + "/license/key", api + "/registration", api + "/license/coupons",
            api + "/license/trials", api + "/license/refresh", api + "/about", api + "/modules", api + "/modules/no.such.module",
            api + "/modules/no.such.module/install", api + "/modules/no.such.module/update", api + "/catalog/refresh",
            api + "/operations/no-such-operation", api + "/modules/no.such.module/downgrade"};
        for (String path : paths) {
            for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
                cases.add(new Case("wrong method", method, path, JSON, method.equals("GET") || method.equals("DELETE") ? null : bytes("{}")));
            }
        }
        for (int i = 0; i < 150; i++) {
            String id = URLEncoder.encode("x" + hostileString(), StandardCharsets.UTF_8);
            cases.add(new Case("hostile path", "GET", api + "/modules/" + id, null, null));
            cases.add(new Case("hostile path", "DELETE", api + "/modules/" + id, null, null));
            cases.add(new Case("hostile path", "POST", api + "/modules/" + id + "/update", JSON, null));
            cases.add(new Case("hostile path", "GET", api + "/operations/" + id, null, null));
            cases.add(new Case("hostile path", "POST", api + "/modules/" + id + "/downgrade", JSON, bytes("{\"version\":\"1.0.0\"}")));
            cases.add(new Case("hostile query", "GET", api + "/catalog/upgrade-check?pbxVersion="
                    + URLEncoder.encode(hostileString(), StandardCharsets.UTF_8), null, null));
            cases.add(new Case("hostile query", "GET", api + "/modules?q=" + URLEncoder.encode(hostileString(), StandardCharsets.UTF_8)
                    + "&type=" + URLEncoder.encode(hostileString(), StandardCharsets.UTF_8)
                    + "&installed=" + URLEncoder.encode(hostileString(), StandardCharsets.UTF_8), null, null));
        }
        return cases;
    }

    private void jsonCase(Target target, int i) {
        String field = target.fields[random.nextInt(target.fields.length)];
        switch (i % 12) {
            case 0: {
                String valid = validLooking(target);
                cases.add(body("malformed JSON", target, valid.substring(0, random.nextInt(valid.length()))));
                break;
            }
            case 1:
                cases.add(body("malformed JSON", target, pick("{", "}", "[", "nul", "{\"" + field + "\":}", "{\"" + field + "\" \"x\"}",
                        "{'" + field + "':'x'}", validLooking(target) + "garbage", "{\"" + field + "\":\"x\",}", "\u0000", "/* */{}")));
                break;
            case 2:
                cases.add(body("wrong type", target, "{\"" + field + "\":" + pick("5", "-1.5e300", "true", "[]", "{}",
                        "[\"a\",\"b\"]", "{\"nested\":\"x\"}", "99999999999999999999999999") + "}"));
                break;
            case 3:
                cases.add(body("wrong type", target, pick("[]", "\"text\"", "42", "null", "true", "[" + validLooking(target) + "]")));
                break;
            case 4:
                cases.add(body("missing fields", target, "{}"));
                break;
            case 5:
                cases.add(body("unknown field", target, validLooking(target).replaceFirst("\\{",
                        "{\"" + pick("admin", "isAdmin", "__proto__", "licenseKey", "status", "@type", "class") + "\":" + pick("true", "\"x\"", "{}") + ",")));
                break;
            case 6:
                cases.add(body("duplicate field", target, validLooking(target).replaceFirst("\\{", "{\"" + field + "\":\"first\",")));
                break;
            case 7:
                cases.add(body("deep nesting", target, "{\"" + field + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
                break;
            case 8:
                cases.add(body("very long string", target, withValue(target, field, "A".repeat(pick(17_000, 40_000, 70_000)))));
                break;
            case 9: {
                char control = (char) random.nextInt(0x20);
                boolean escaped = random.nextBoolean();
                String value = "a" + (escaped ? String.format("\\u%04x", (int) control) : String.valueOf(control)) + "b";
                cases.add(body("control characters", target, withRaw(target, field, value)));
                break;
            }
            case 10: {
                byte[] prefix = bytes("{\"" + field + "\":\"a");
                byte[] bad = pick(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(prefix);
                out.writeBytes(bad);
                out.writeBytes(bytes("\"}"));
                cases.add(new Case("invalid UTF-8", target.method, target.path, JSON, out.toByteArray()));
                break;
            }
            default:
                cases.add(body(random.nextBoolean() ? "script tags and SQL" : "random strings", target,
                        withValue(target, field, hostileString())));
        }
    }

    /** The endpoint's fields all filled in, but never a request that may succeed (no e-mail has an '@'). */
    private String validLooking(Target target) {
        StringBuilder json = new StringBuilder("{");
        for (String field : target.fields) {
            json.append(json.length() > 1 ? "," : "").append('"').append(field).append("\":\"").append(plain(field)).append('"');
        }
        return json.append('}').toString();
    }

    private String withValue(Target target, String field, String value) {
        return withRaw(target, field, escape(value));
    }

    private String withRaw(Target target, String field, String raw) {
        return validLooking(target).replace("\"" + field + "\":\"" + plain(field) + "\"", "\"" + field + "\":\"" + raw + "\"");
    }

    private static String plain(String field) {
        switch (field) {
            case "email": return "not-an-email";
            case "key": return "MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZ0";
            case "coupon": return "MKTC-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZ0";
            case "language": return "en";
            default: return "fuzz-" + field;
        }
    }

    private String hostileString() {
        if (random.nextInt(3) > 0) {
            return HOSTILE[random.nextInt(HOSTILE.length)];
        }
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(64);
        for (int i = 0; i < length; i++) {
            char c = (char) (0x20 + random.nextInt(0x2FF));
            text.append(c == '@' ? '#' : c);
        }
        return text.toString();
    }

    private static String escape(String value) {
        StringBuilder json = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.toString();
    }

    private Case body(String category, Target target, String json) {
        return new Case(category, target.method, target.path, JSON, bytes(json));
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tenMegabytes() {
        byte[] body = new byte[10 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        return body;
    }
}
