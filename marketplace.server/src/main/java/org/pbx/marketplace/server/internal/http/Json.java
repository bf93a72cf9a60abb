package org.pbx.marketplace.server.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;

/** One shared mapper whose limits make hostile JSON (deep nesting, huge numbers) fail fast. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxNumberLength(32).maxStringLength(RequestHandler.MAX_BODY).build())
            .build());

    /** For the one upload (a release publication): the same limits except the length of one string (the jar). */
    private static final ObjectMapper UPLOAD_MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxNumberLength(32).maxStringLength(RequestHandler.MAX_UPLOAD).build())
            .build());

    private Json() {
    }

    /** A release publication's body, up to RequestHandler.MAX_UPLOAD. */
    public static ObjectNode parseUpload(byte[] body) {
        if (body.length > RequestHandler.MAX_UPLOAD) {
            throw new ApiException(ErrorCode.E_BODY_TOO_LARGE);
        }
        try {
            JsonNode node = UPLOAD_MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // Falls through: any parse failure is the same client mistake.
        }
        throw new ApiException(ErrorCode.E_MALFORMED_JSON);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ObjectNode parseObject(byte[] body) {
        if (body.length > RequestHandler.MAX_BODY) {
            throw new ApiException(ErrorCode.E_BODY_TOO_LARGE);
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (StreamConstraintsException e) {
            // Deeper than 16 or a number longer than 32 digits: over the limits of docs/protocol.md §1.
            throw new ApiException(ErrorCode.E_BODY_TOO_LARGE);
        } catch (IOException e) {
            // Falls through: any other parse failure is the same client mistake.
        }
        throw new ApiException(ErrorCode.E_MALFORMED_JSON);
    }

    public static ObjectNode parseTrusted(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse response(int status, JsonNode node) {
        return HttpResponse.of(status, "application/json; charset=utf-8", bytes(node));
    }

    public static HttpResponse error(ErrorCode error, String field) {
        return error(error, field, null);
    }

    /** With {@code detail} (admin errors): what exactly is wrong, in English, as an extra field "detail". */
    public static HttpResponse error(ErrorCode error, String field, String detail) {
        ObjectNode body = object();
        body.put("code", error.code());
        body.put("name", error.name());
        ObjectNode message = body.putObject("message");
        message.put("en", error.en());
        message.put("ru", error.ru());
        body.put("field", field);
        if (detail != null) {
            body.put("detail", detail);
        }
        return response(error.httpStatus(), body);
    }
}
