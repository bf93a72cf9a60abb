package org.pbx.marketplace.web.internal;

import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * Jackson as the Marketplace application's JSON provider, strict about what it reads: an admin
 * API accepts exactly the documented fields, once each, within small explicit limits. No
 * polymorphic (default) typing is ever enabled: the request decides no Java types.
 */
@Component(service = {javax.ws.rs.ext.MessageBodyReader.class, javax.ws.rs.ext.MessageBodyWriter.class},
        scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName(JsonProvider.NAME)
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
public class JsonProvider extends JacksonJsonProvider {

    static final String NAME = "marketplace.json";

    /** Request documents are flat forms: a few levels are plenty. */
    static final int MAX_NESTING = 16;
    /** No field of ours is longer than a company name; the body cap (64 KiB) bounds the rest. */
    static final int MAX_STRING = 16 * 1024;
    static final int MAX_NUMBER = 32;
    static final int MAX_NAME = 256;

    /**
     * One mapper for every provider instance: the whiteboard may make a provider per use of this
     * prototype service, and a fresh mapper would learn every DTO's serializer again each time.
     * A configured ObjectMapper is thread-safe.
     */
    private static final ObjectMapper MAPPER = mapper();

    public JsonProvider() {
        super(MAPPER);
    }

    static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_STRING)
                        .maxNumberLength(MAX_NUMBER)
                        .maxNameLength(MAX_NAME)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
