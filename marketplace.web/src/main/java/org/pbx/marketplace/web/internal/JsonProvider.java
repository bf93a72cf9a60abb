package org.pbx.marketplace.web.internal;

import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * Jackson as the Marketplace application's JSON provider. Our own extension rather than Aries'
 * generic one: it targets exactly our application and owns the mapper's settings (tolerant of
 * fields added by newer clients).
 */
@Component(service = {javax.ws.rs.ext.MessageBodyReader.class, javax.ws.rs.ext.MessageBodyWriter.class},
        scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName(JsonProvider.NAME)
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(MarketplaceApplication.SELECT)
public class JsonProvider extends JacksonJsonProvider {

    static final String NAME = "marketplace.json";

    public JsonProvider() {
        super(new ObjectMapper()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }
}
