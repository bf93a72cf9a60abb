package org.pbx.marketplace.bench.staticfile;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The HTTP whiteboard context of the REST figure's baseline file, with a path of its own so that
 * no other context's catch-all (the JAX-RS whiteboard's default application) takes the request.
 * It runs inside the host, in the bundle {@code BenchBundles.staticFile} writes; resources come
 * from that bundle's entries, served by Jetty's resource handling, with no code of ours per request.
 */
public class StaticFiles extends ServletContextHelper {

    public StaticFiles(ComponentContext context) {
        super(context.getBundleContext().getBundle());
    }
}
