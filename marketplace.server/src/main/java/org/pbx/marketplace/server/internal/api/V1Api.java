package org.pbx.marketplace.server.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.pbx.marketplace.server.internal.catalog.CatalogPublisher;
import org.pbx.marketplace.server.internal.catalog.CatalogSource.Release;
import org.pbx.marketplace.server.internal.crypto.InstallationAuth;
import org.pbx.marketplace.server.internal.crypto.TrustRoots;
import org.pbx.marketplace.server.internal.crypto.InstallationAuth.Installation;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.HttpRequest;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.license.ActivationRequest;
import org.pbx.marketplace.server.internal.license.LicenseService;
import org.pbx.marketplace.server.internal.license.LicenseService.Answer;
import org.pbx.marketplace.server.internal.validation.Fields;
import org.pbx.marketplace.server.internal.validation.InstallationLabels;
import org.pbx.marketplace.server.internal.validation.RegistrationForm;

/** The /v1 endpoints of docs/protocol.md: HTTP in, service call, HTTP out; no decisions of its own. */
public final class V1Api {
    public static final String JOSE = "application/jose";
    public static final String LICENSE_KEY_HEADER = "X-Pbx-License-Key";
    /** The product whose trial the PBX will start once the downloaded module runs. */
    public static final String TRIAL_PRODUCT_HEADER = "X-Pbx-Trial-Product";

    private final LicenseService licenses;
    private final CatalogPublisher catalog;
    private final InstallationAuth auth;
    private final TrustRoots trust;
    private final java.time.Clock clock;

    public V1Api(LicenseService licenses, CatalogPublisher catalog, InstallationAuth auth,
                 TrustRoots trust, java.time.Clock clock) {
        this.clock = clock;
        this.licenses = licenses;
        this.catalog = catalog;
        this.auth = auth;
        this.trust = trust;
    }

    /** @param path the path below /v1, e.g. "/licenses/validate" */
    public HttpResponse handle(HttpRequest request, String path) {
        switch (path) {
            case "/registrations": return post(request, this::register);
            case "/licenses/validate": return post(request, this::validate);
            case "/licenses/release": return post(request, this::release);
            case "/licenses/offline": return post(request, this::offline);
            case "/trials": return post(request, this::trial);
            case "/coupons/activate": return post(request, this::coupon);
            case "/catalog/timestamp": return get(request, r -> jose(200, catalog.current().timestamp()));
            case "/catalog": return get(request, r -> jose(200, catalog.current().catalog()));
            case "/keys": return get(request, r -> Json.response(200, Json.MAPPER.valueToTree(trust.published())));
            default:
                String[] parts = path.split("/", -1);
                if (parts.length == 3 && parts[1].equals("root") && parts[2].matches("[1-9][0-9]{0,17}\\.json")) {
                    return get(request, r -> root(Long.parseLong(parts[2].substring(0, parts[2].length() - 5))));
                }
                if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("modules") && parts[4].equals("download")) {
                    return get(request, r -> download(r, parts[2], parts[3]));
                }
                if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("libraries") && parts[4].equals("download")) {
                    return get(request, r -> libraryDownload(parts[2], parts[3]));
                }
                throw new ApiException(ErrorCode.E_NOT_FOUND);
        }
    }

    private HttpResponse register(HttpRequest request) {
        Installation caller = auth.verify(request);
        ObjectNode json = Json.parseObject(request.body());
        RegistrationForm form = RegistrationForm.parse(json);
        LicenseService.Registered registered = licenses.register(form, caller, request.remoteAddress(),
                InstallationLabels.of(json));
        ObjectNode body = Json.object();
        body.put("licenseKey", registered.licenseKey());
        body.put("token", registered.jws());
        // The PBX tells its admin "the key was sent to …" only when it was; otherwise "copy it now".
        body.put("letterSent", registered.letterSent());
        return Json.response(201, body);
    }

    private HttpResponse validate(HttpRequest request) {
        Installation caller = auth.verify(request);
        ObjectNode json = Json.parseObject(request.body());
        Fields fields = new Fields(json);
        String key = fields.licenseKey();
        String nonce = fields.nonce();
        return answer(licenses.validate(key, nonce, fields.optionalCounts("usage"), caller, InstallationLabels.of(json)));
    }

    private HttpResponse release(HttpRequest request) {
        Installation caller = auth.verify(request);
        licenses.release(new Fields(Json.parseObject(request.body())).licenseKey(), caller);
        return HttpResponse.empty(204);
    }

    /** Not header-signed: the request file is signed by the installation itself (docs/protocol.md, "Offline activation"). */
    private HttpResponse offline(HttpRequest request) {
        ActivationRequest parsed = ActivationRequest.parse(
                new String(request.body(), java.nio.charset.StandardCharsets.UTF_8), clock.instant().getEpochSecond());
        return jose(200, licenses.activateOffline(parsed));
    }

    private HttpResponse trial(HttpRequest request) {
        Installation caller = auth.verify(request);
        ObjectNode json = Json.parseObject(request.body());
        Fields fields = new Fields(json);
        String key = fields.licenseKey();
        String productId = fields.required("productId", 1, 64);
        return answer(licenses.startTrial(key, productId, fields.nonce(), caller, InstallationLabels.of(json)));
    }

    private HttpResponse coupon(HttpRequest request) {
        Installation caller = auth.verify(request);
        ObjectNode json = Json.parseObject(request.body());
        Fields fields = new Fields(json);
        String key = fields.licenseKey();
        String coupon = fields.coupon();
        return answer(licenses.activateCoupon(key, coupon, fields.nonce(), caller, InstallationLabels.of(json)));
    }

    /**
     * Free modules to anyone; commercial ones only to a signed installation holding the feature, or able to start
     * the trial of a product granting it (the PBX starts it once the module runs, so a failed install spends none).
     */
    /** A library bundle of the catalog: free, like a free module (docs/protocol.md, "Libraries"). */
    private HttpResponse libraryDownload(String symbolicName, String version) {
        org.pbx.marketplace.server.internal.catalog.CatalogSource.Library library = catalog.library(symbolicName, version)
                .orElseThrow(() -> new ApiException(ErrorCode.E_UNKNOWN_MODULE));
        try {
            return HttpResponse.of(200, "application/java-archive", Files.readAllBytes(library.file()))
                    .withHeader("Content-Disposition", "attachment; filename=\"" + symbolicName + "-" + version + ".jar\"");
        } catch (NoSuchFileException e) {
            throw new ApiException(ErrorCode.E_FILE_MISSING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the library " + symbolicName + " " + version, e);
        }
    }

    private HttpResponse download(HttpRequest request, String moduleId, String version) {
        Release release = catalog.release(moduleId, version)
                .orElseThrow(() -> new ApiException(ErrorCode.E_UNKNOWN_MODULE));
        if (release.commercial()) {
            Installation caller = auth.verify(request);
            String keyText = request.header(LICENSE_KEY_HEADER);
            if (keyText == null || keyText.isBlank()) {
                throw new ApiException(ErrorCode.E_REQUIRED, "licenseKey");
            }
            // A PBX that starts the trial only once the module runs names it here (docs/protocol.md §5.8); too long is ignored.
            String trial = request.header(TRIAL_PRODUCT_HEADER);
            licenses.checkFeature(Fields.licenseKey(keyText, "licenseKey"), release.featureId(), caller,
                    trial == null || trial.isBlank() || trial.length() > 64 ? null : trial.trim());
        }
        try {
            byte[] bytes = Files.readAllBytes(release.file());
            return HttpResponse.of(200, "application/java-archive", bytes)
                    .withHeader("Content-Disposition", "attachment; filename=\"" + moduleId + "-" + version + ".jar\"");
        } catch (NoSuchFileException e) {
            throw new ApiException(ErrorCode.E_FILE_MISSING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A root document; 404 (E_NOT_FOUND) past the newest, which tells a PBX its chain is complete. */
    private HttpResponse root(long version) {
        String document = trust.document(version);
        if (document == null) {
            throw new ApiException(ErrorCode.E_NOT_FOUND);
        }
        return HttpResponse.text(200, "application/json", document);
    }

    private static HttpResponse answer(Answer answer) {
        return jose(answer.refused() ? 403 : 200, answer.jws());
    }

    private static HttpResponse jose(int status, String jws) {
        return HttpResponse.text(status, JOSE, jws);
    }

    private static HttpResponse post(HttpRequest request, java.util.function.Function<HttpRequest, HttpResponse> f) {
        return only("POST", request, f);
    }

    private static HttpResponse get(HttpRequest request, java.util.function.Function<HttpRequest, HttpResponse> f) {
        return only("GET", request, f);
    }

    private static HttpResponse only(String method, HttpRequest request,
                                     java.util.function.Function<HttpRequest, HttpResponse> f) {
        if (!method.equals(request.method())) {
            throw new MethodNotAllowed(method);
        }
        return f.apply(request);
    }

    /** Carries the Allow header value up to the router. */
    public static final class MethodNotAllowed extends ApiException {
        private final String allow;

        MethodNotAllowed(String allow) {
            super(ErrorCode.E_METHOD_NOT_ALLOWED);
            this.allow = allow;
        }

        public String allow() { return allow; }
    }
}
