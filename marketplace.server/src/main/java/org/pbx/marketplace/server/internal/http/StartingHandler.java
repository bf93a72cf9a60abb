package org.pbx.marketplace.server.internal.http;

import org.pbx.marketplace.server.internal.error.ErrorCode;

/** What the in-host vendor server answers while its database and data are still opening: try again soon. */
public final class StartingHandler implements RequestHandler {
    @Override
    public HttpResponse handle(HttpRequest request) {
        return Json.error(ErrorCode.E_STARTING, null).withHeader("Retry-After", "1");
    }
}
