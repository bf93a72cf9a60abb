package org.pbx.marketplace.server.internal;

import org.pbx.marketplace.server.internal.api.AdminApi;
import org.pbx.marketplace.server.internal.api.V1Api;
import org.pbx.marketplace.server.internal.cabinet.CabinetPages;
import org.pbx.marketplace.server.internal.cabinet.Html;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.error.RateLimited;
import org.pbx.marketplace.server.internal.http.HttpRequest;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.http.RequestHandler;

/** Routes by path prefix and turns exceptions into protocol errors: client mistakes are 4xx, only bugs are 500. */
final class VendorHandler implements RequestHandler {
    private static final System.Logger LOG = System.getLogger(VendorHandler.class.getName());

    private final V1Api api;
    private final CabinetPages cabinet;
    private final AdminApi admin;

    VendorHandler(V1Api api, CabinetPages cabinet, AdminApi admin) {
        this.api = api;
        this.cabinet = cabinet;
        this.admin = admin;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        HttpResponse response = route(request);
        String path = request.path();
        return path.equals("/cabinet") || path.startsWith("/cabinet/") ? Html.secured(response) : response;
    }

    private HttpResponse route(HttpRequest request) {
        try {
            if (request.body().length > RequestHandler.bodyLimit(request.path())) {
                throw new ApiException(ErrorCode.E_BODY_TOO_LARGE);
            }
            String path = request.path();
            if (path.startsWith("/v1/")) {
                return api.handle(request, path.substring(3));
            }
            if (path.startsWith("/admin/")) {
                return admin.handle(request, path.substring("/admin".length()));
            }
            if (path.equals("/cabinet") || path.startsWith("/cabinet/")) {
                return cabinet.handle(request, path.substring("/cabinet".length()));
            }
            throw new ApiException(ErrorCode.E_NOT_FOUND);
        } catch (RateLimited e) {
            return Json.error(e.error(), e.field()).withHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        } catch (V1Api.MethodNotAllowed e) {
            return Json.error(e.error(), null).withHeader("Allow", e.allow());
        } catch (ApiException e) {
            return Json.error(e.error(), e.field(), e.detail());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "vendor server failed on " + request.method() + " " + request.path(), e);
            return Json.error(ErrorCode.E_INTERNAL, null);
        }
    }
}
