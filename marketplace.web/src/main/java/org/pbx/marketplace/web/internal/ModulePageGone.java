package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.ModuleDTO;

/**
 * Answers below {@value #PATTERN} when no module's servlet does: a module's own, longer pattern
 * wins while its page is there, so this page is only met when it is not. It says why in the
 * admin's language (installed but switched off by the license, installed but not running, or not
 * installed) and what to do, instead of the JAX-RS runtime's bare "No service was found.".
 */
// The context select filter of WebConfiguration (designated by MarketplacePages) applies here too.
@Component(service = Servlet.class, configurationPid = WebConfiguration.PID)
@HttpWhiteboardServletName("marketplace-module-page-gone")
@HttpWhiteboardServletPattern(ModulePageGone.PATTERN)
@HttpWhiteboardContextSelect(WebConfiguration.DEFAULT_CONTEXT_SELECT)
public class ModulePageGone extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PATTERN = "/pbx/modules/*";
    /** The bundle header that names a module's page (docs/module-developers.md). */
    static final String PAGE_HEADER = "Pbx-Module-Page";
    static final String MARKETPLACE = "/marketplace/";

    private final transient BundleContext context;
    private final transient ModuleCatalog catalog;

    @Activate
    public ModulePageGone(BundleContext context, @Reference ModuleCatalog catalog) {
        this.context = context;
        this.catalog = catalog;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String lang = Language.pick(request.getHeader("Accept-Language"));
        String path = request.getRequestURI();
        Bundle bundle = owner(path);
        String text;
        String what;
        if (bundle == null) {
            text = Messages.get("page.module.missing", lang);
            what = Messages.get("page.module.missingWhat", lang);
        } else {
            ModuleDTO module = catalog.module(bundle.getSymbolicName());
            String name = name(module, bundle, lang);
            boolean off = module != null && module.commercial && !module.licensed;
            text = Messages.get(off ? "page.module.off" : "page.module.stopped", lang, name);
            what = Messages.get(off ? "page.module.offWhat" : "page.module.stoppedWhat", lang);
        }
        HtmlPage.write(response, HttpServletResponse.SC_NOT_FOUND, lang, Messages.get("page.module.title", lang),
                List.of(text, what), MARKETPLACE, Messages.get("page.open", lang), null);
    }

    /** The installed bundle whose page the path is below, or null. */
    private Bundle owner(String path) {
        for (Bundle bundle : context.getBundles()) {
            String page = bundle.getHeaders("").get(PAGE_HEADER);
            if (page != null && !page.isBlank()) {
                String prefix = page.trim().endsWith("/") ? page.trim() : page.trim() + "/";
                if (path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))) {
                    return bundle;
                }
            }
        }
        return null;
    }

    private static String name(ModuleDTO module, Bundle bundle, String lang) {
        Map<String, String> names = module == null ? null : module.name;
        if (names != null) {
            String name = names.getOrDefault(lang, names.get("en"));
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return bundle.getSymbolicName();
    }
}
