package org.pbx.marketplace.web.internal;

import javax.ws.rs.QueryParam;

import org.pbx.marketplace.api.dto.ModuleQueryDTO;

/**
 * The catalog's search and filters as query parameters, shared by GET /modules and GET /state: the
 * page asks /state with its filters, so the fingerprint there is of the list it shows.
 */
public class CatalogQuery {

    @QueryParam("q")
    String text;
    @QueryParam("type")
    String type;
    @QueryParam("vendor")
    String vendor;
    @QueryParam("category")
    String category;
    @QueryParam("installed")
    Boolean installed;
    @QueryParam("updates")
    Boolean updates;
    @QueryParam("compatible")
    Boolean compatible;

    /** The name of the parameter to fix, or null when the query is good. */
    String invalid() {
        return type != null && !type.equals("free") && !type.equals("paid") ? "type" : null;
    }

    ModuleQueryDTO toDTO() {
        ModuleQueryDTO query = new ModuleQueryDTO();
        query.text = text;
        query.type = type;
        query.vendor = vendor;
        query.category = category;
        query.installed = installed;
        query.updateAvailable = updates;
        query.compatible = compatible;
        return query;
    }
}
