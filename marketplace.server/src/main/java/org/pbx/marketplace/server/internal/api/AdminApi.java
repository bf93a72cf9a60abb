package org.pbx.marketplace.server.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pbx.marketplace.server.internal.catalog.ReleasePublisher;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.crypto.Codes;
import org.pbx.marketplace.server.internal.crypto.TrustRoots;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.HttpRequest;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.license.VendorAdmin;
import org.pbx.marketplace.server.internal.validation.Fields;

/**
 * The vendor's administration over HTTP (docs/vendor-admin.md): products, features, trial terms,
 * coupons, license revocation and release publication; JSON in and out, errors as in the protocol.
 * Only with the admin token configured, compared in constant time; without it, or with a wrong
 * one, every path answers 404 as if it did not exist.
 */
public final class AdminApi {
    private final VendorAdmin admin;
    private final ReleasePublisher releases;
    private final org.pbx.marketplace.server.internal.catalog.AdvisoryPublisher advisories;
    private final TrustRoots trust;
    private final byte[] token;

    public AdminApi(VendorAdmin admin, ReleasePublisher releases, TrustRoots trust, String adminToken) {
        this.admin = admin;
        this.releases = releases;
        this.advisories = new org.pbx.marketplace.server.internal.catalog.AdvisoryPublisher(releases);
        this.trust = trust;
        this.token = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /** @param path the path below /admin, e.g. "/licenses/revoke" */
    public HttpResponse handle(HttpRequest request, String path) {
        String auth = request.header("authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        if (token == null || given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ErrorCode.E_NOT_FOUND);
        }
        String[] parts = path.split("/", -1);
        switch (path) {
            case "/licenses/revoke": return post(request, this::revokeLicense);
            case "/products": return getOrPost(request, r -> Json.response(200, AdminJson.products(admin.products())),
                    this::createProduct);
            case "/coupons": return getOrPost(request, this::listCoupons, this::createCoupons);
            case "/coupons/revoke": return post(request, this::revokeCoupons);
            case "/root": return get(request, r -> Json.response(200, trust.latest()));
            case "/root/renew": return post(request, r -> Json.response(201, trust.renew()));
            case "/root/rotate": return post(request, this::rotate);
            case "/root/revoke": return post(request, this::revokeKey);
            case "/releases": return getOrPost(request, r -> Json.response(200, AdminJson.releases(releases.published())),
                    this::publish);
            case "/advisories": return getOrPost(request, r -> {
                    ObjectNode answer = Json.object();
                    answer.set("advisories", advisories.published());
                    return Json.response(200, answer);
                }, this::publishAdvisory);
            default:
                if (parts.length == 3 && parts[1].equals("products")) {
                    String id = AdminJson.checkId(parts[2], "productId");
                    return get(request, r -> Json.response(200, AdminJson.product(admin.product(id))));
                }
                if (parts.length == 4 && parts[1].equals("products") && parts[3].equals("trial")) {
                    String id = AdminJson.checkId(parts[2], "productId");
                    return post(request, r -> Json.response(200, AdminJson.product(admin.setTrial(id,
                            AdminJson.integer(Json.parseObject(r.body()), "days", 0, 3650, null)))));
                }
                if (parts.length == 4 && parts[1].equals("products") && parts[3].equals("features")) {
                    String id = AdminJson.checkId(parts[2], "productId");
                    return post(request, r -> addFeature(r, id));
                }
                throw new ApiException(ErrorCode.E_NOT_FOUND);
        }
    }

    private HttpResponse revokeLicense(HttpRequest request) {
        String key = new Fields(Json.parseObject(request.body())).licenseKey();
        if (!admin.revoke(key)) {
            throw new ApiException(ErrorCode.E_UNKNOWN_KEY, "licenseKey");
        }
        return HttpResponse.empty(204);
    }

    private HttpResponse rotate(HttpRequest request) {
        String role = Json.parseObject(request.body()).path("role").asText("");
        if (!TrustRoots.ROLES.contains(role)) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, "role", "role is \"license\", \"catalog\" or \"root\"");
        }
        return Json.response(201, trust.rotate(role));
    }

    private HttpResponse revokeKey(HttpRequest request) {
        String kid = Json.parseObject(request.body()).path("keyId").asText("");
        try {
            return Json.response(201, trust.revoke(kid));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, "keyId", e.getMessage());
        }
    }

    private HttpResponse createProduct(HttpRequest request) {
        ObjectNode body = Json.parseObject(request.body());
        String id = AdminJson.id(body, "id");
        String[] name = AdminJson.names(body, "name");
        String kind = body.path("kind").asText("license").trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("license") && !kind.equals("subscription")) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, "kind", "kind is \"license\" or \"subscription\"");
        }
        int term = AdminJson.integer(body, "termDays", 1, 36500, 365);
        int trial = AdminJson.integer(body, "trialDays", 0, 3650, 0);
        return Json.response(201, AdminJson.product(admin.createProduct(id, name[0], name[1], kind, term, trial)));
    }

    private HttpResponse addFeature(HttpRequest request, String productId) {
        ObjectNode body = Json.parseObject(request.body());
        String id = AdminJson.id(body, "id");
        String[] name = AdminJson.names(body, "name");
        int seats = AdminJson.integer(body, "seats", 1, 1_000_000, 1);
        return Json.response(201, AdminJson.product(admin.addFeature(productId, id, name[0], name[1], seats)));
    }

    private HttpResponse createCoupons(HttpRequest request) {
        ObjectNode body = Json.parseObject(request.body());
        String productId = AdminJson.id(body, "productId");
        Integer days = AdminJson.integer(body, "days", 1, 36500, -1);
        int count = AdminJson.integer(body, "count", 1, VendorAdmin.MAX_BATCH, 1);
        VendorAdmin.Batch batch = admin.createCoupons(productId, days == -1 ? null : days, count);
        ObjectNode answer = Json.object();
        answer.put("batch", batch.batchId());
        answer.put("productId", batch.productId());
        answer.put("days", batch.days());
        batch.codes().forEach(answer.putArray("coupons")::add);
        return Json.response(201, answer);
    }

    private HttpResponse listCoupons(HttpRequest request) {
        Map<String, String> query = query(request.rawQuery());
        String batch = query.get("batch");
        String product = query.get("productId") == null ? null : AdminJson.checkId(query.get("productId"), "productId");
        int limit = 1000;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 10_000) {
                throw new ApiException(ErrorCode.E_FIELD_TYPE, "limit", "limit is a whole number from 1 to 10000");
            }
        }
        return Json.response(200, AdminJson.coupons(admin.coupons(batch, product, limit)));
    }

    private HttpResponse revokeCoupons(HttpRequest request) {
        ObjectNode body = Json.parseObject(request.body());
        List<String> codes = new ArrayList<>();
        JsonNode list = body.get("coupons");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > VendorAdmin.MAX_BATCH) {
                throw new ApiException(ErrorCode.E_FIELD_TYPE, "coupons", "coupons is a list of at most "
                        + VendorAdmin.MAX_BATCH + " codes");
            }
            for (JsonNode code : list) {
                String normalized = code.isTextual() ? Codes.normalizeCoupon(code.asText()) : null;
                if (normalized == null) {
                    throw new ApiException(ErrorCode.E_COUPON_FORMAT, "coupons");
                }
                codes.add(normalized);
            }
        }
        String batch = new Fields(body).optional("batch", 32);
        if (codes.isEmpty() && batch == null) {
            throw new ApiException(ErrorCode.E_REQUIRED, "coupons", "give \"coupons\" (codes) or \"batch\"");
        }
        VendorAdmin.Revoked revoked = admin.revokeCoupons(codes, batch);
        ObjectNode answer = Json.object();
        answer.put("revoked", revoked.revoked());
        answer.put("notRevoked", revoked.notRevoked());
        return Json.response(200, answer);
    }

    private HttpResponse publish(HttpRequest request) {
        ObjectNode body = Json.parseUpload(request.body());
        JsonNode entry = body.get("entry");
        if (entry == null || !entry.isObject()) {
            throw new ApiException(ErrorCode.E_REQUIRED, "entry", "entry is the module's catalog entry (an object)");
        }
        JsonNode jar = body.get("jar");
        if (jar == null || !jar.isTextual() || jar.asText().isEmpty()) {
            throw new ApiException(ErrorCode.E_REQUIRED, "jar", "jar is the module jar in base64url");
        }
        byte[] bytes;
        try {
            bytes = Codec.unb64(jar.asText());
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.E_FIELD_TYPE, "jar", "jar is the module jar in base64url without padding");
        }
        ReleasePublisher.Result result = releases.publish((ObjectNode) entry, bytes);
        ObjectNode answer = Json.object();
        answer.put("moduleId", result.moduleId());
        answer.put("version", result.version());
        answer.put("sha256", result.sha256());
        answer.put("size", result.size());
        answer.put("file", result.file());
        answer.put("unchanged", result.unchanged());
        return Json.response(result.unchanged() ? 200 : 201, answer);
    }

    private HttpResponse publishAdvisory(HttpRequest request) {
        org.pbx.marketplace.server.internal.catalog.AdvisoryPublisher.Result result =
                advisories.publish(Json.parseObject(request.body()));
        ObjectNode answer = Json.object();
        answer.put("id", result.id());
        answer.put("moduleId", result.moduleId());
        answer.put("unchanged", result.unchanged());
        return Json.response(result.unchanged() ? 200 : 201, answer);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            String value = kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8).trim() : "";
            if (!value.isEmpty()) {
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), value);
            }
        }
        return query;
    }

    private interface Handler {
        HttpResponse apply(HttpRequest request);
    }

    private static HttpResponse post(HttpRequest request, Handler handler) {
        if (!"POST".equals(request.method())) {
            throw new V1Api.MethodNotAllowed("POST");
        }
        return handler.apply(request);
    }

    private static HttpResponse get(HttpRequest request, Handler handler) {
        if (!"GET".equals(request.method())) {
            throw new V1Api.MethodNotAllowed("GET");
        }
        return handler.apply(request);
    }

    private static HttpResponse getOrPost(HttpRequest request, Handler get, Handler post) {
        return switch (request.method()) {
            case "GET" -> get.apply(request);
            case "POST" -> post.apply(request);
            default -> throw new V1Api.MethodNotAllowed("GET, POST");
        };
    }
}
