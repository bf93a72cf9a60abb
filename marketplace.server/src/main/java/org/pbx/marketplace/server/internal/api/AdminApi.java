package org.pbx.marketplace.server.internal.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.HttpRequest;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.license.VendorAdmin;
import org.pbx.marketplace.server.internal.validation.Fields;

/**
 * The vendor's own operations over HTTP (docs/protocol.md §5.10), for scripts and tests: today
 * revoking a license. Only with the admin token configured; without it, or with a wrong one, the
 * path answers 404 as if it did not exist.
 */
public final class AdminApi {

    private final VendorAdmin admin;
    private final byte[] token;

    public AdminApi(VendorAdmin admin, String adminToken) {
        this.admin = admin;
        this.token = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /** @param path the path below /admin, e.g. "/licenses/revoke" */
    public HttpResponse handle(HttpRequest request, String path) {
        String auth = request.header("authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        if (token == null || given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ErrorCode.E_NOT_FOUND);
        }
        if (!path.equals("/licenses/revoke")) {
            throw new ApiException(ErrorCode.E_NOT_FOUND);
        }
        if (!"POST".equals(request.method())) {
            throw new V1Api.MethodNotAllowed("POST");
        }
        String key = new Fields(Json.parseObject(request.body())).licenseKey();
        if (!admin.revoke(key)) {
            throw new ApiException(ErrorCode.E_UNKNOWN_KEY);
        }
        return HttpResponse.empty(204);
    }
}
