package org.pbx.marketplace.web.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure the JAX-RS runtime or Jackson raises into a problem details answer, so a
 * client mistake is a 4xx that says what to fix and nothing answers with a stack trace.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("marketplace.problems")
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
public class ProblemMapper implements ExceptionMapper<Exception> {

    private final Logger log;

    @Context
    HttpHeaders headers;

    @Activate
    public ProblemMapper(@Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
    }

    @Override
    public Response toResponse(Exception exception) {
        String language = Language.pick(headers == null ? null : headers.getHeaderString("Accept-Language"));
        JsonProcessingException json = jsonCause(exception);
        if (json != null) {
            return Problems.response(jsonProblem(json, language));
        }
        if (exception instanceof WebApplicationException) {
            int status = ((WebApplicationException) exception).getResponse().getStatus();
            return Problems.response(Problems.of(status, codeOf(status), language));
        }
        // A fault of ours, not the client's; the message may carry request data, so log the type only with the trace.
        log.error("Marketplace API request failed", exception);
        return Problems.response(Problems.of(500, "INTERNAL", language));
    }

    private static ProblemDTO jsonProblem(JsonProcessingException e, String language) {
        if (find(e, StreamConstraintsException.class) != null) {
            return Problems.of(400, "JSON_LIMITS", language);
        }
        UnrecognizedPropertyException unknown = find(e, UnrecognizedPropertyException.class);
        if (unknown != null) {
            String field = unknown.getPropertyName();
            ProblemDTO problem = Problems.of(400, "UNKNOWN_FIELD", language, field);
            problem.errors = java.util.List.of(new ProblemDTO.FieldError(field, "UNKNOWN_FIELD", problem.detail));
            return problem;
        }
        JsonParseException syntax = find(e, JsonParseException.class);
        if (syntax != null && syntax.getOriginalMessage() != null && syntax.getOriginalMessage().startsWith("Duplicate field")) {
            return Problems.of(400, "DUPLICATE_FIELD", language);
        }
        if (syntax == null && find(e, JsonMappingException.class) != null) {
            return Problems.of(400, "JSON_TYPE", language);
        }
        return Problems.of(400, "MALFORMED_JSON", language);
    }

    private static JsonProcessingException jsonCause(Throwable e) {
        return find(e, JsonProcessingException.class);
    }

    /** The first throwable of the type in the cause chain (Jackson and CXF wrap each other's). */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String codeOf(int status) {
        switch (status) {
            case 400: return "BAD_REQUEST";
            case 404: return "NOT_FOUND";
            case 405: return "METHOD_NOT_ALLOWED";
            case 406: return "NOT_ACCEPTABLE";
            case 415: return "UNSUPPORTED_MEDIA_TYPE";
            default: return status >= 500 ? "INTERNAL" : "BAD_REQUEST";
        }
    }
}
