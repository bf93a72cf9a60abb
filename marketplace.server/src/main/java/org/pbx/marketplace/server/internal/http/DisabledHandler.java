package org.pbx.marketplace.server.internal.http;

import org.pbx.marketplace.server.internal.error.ErrorCode;

/** What a switched-off server answers: a clear numbered error, and no data folder touched. */
public final class DisabledHandler implements RequestHandler {
    @Override
    public HttpResponse handle(HttpRequest request) {
        return Json.error(ErrorCode.E_DISABLED, null);
    }
}
