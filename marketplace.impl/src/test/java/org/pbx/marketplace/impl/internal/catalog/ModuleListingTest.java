package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The listing: filters on the catalog's fields and on this PBX's state, and each module described for this PBX. */
class ModuleListingTest {

    private static final String SHA = "0".repeat(64);
    private final LicenseService license = mock(LicenseService.class);
    private final ModuleListing listing = new ModuleListing(Version.parseVersion("7.2.0"), license);

    private static CatalogDocument document() throws Exception {
        return new CatalogDocument(new ObjectMapper().readTree("{\"version\":1,\"modules\":["
                + "{\"id\":\"org.pbx.demo.callback\",\"name\":{\"en\":\"Callback\",\"ru\":\"Обратный звонок\"},\"vendor\":\"PBX\","
                + "\"releases\":[" + release("1.1.0") + "," + release("1.0.0") + "]},"
                + "{\"id\":\"org.pbx.demo.recording\",\"name\":{\"en\":\"Call recording\",\"ru\":\"Запись\"},\"vendor\":\"PBX\","
                + "\"commercial\":true,\"featureId\":\"call-recording\",\"releases\":[" + release("1.0.0") + "]}]}"));
    }

    private static String release(String version) {
        return "{\"version\":\"" + version + "\",\"size\":10,\"sha256\":\"" + SHA + "\",\"path\":\"/v1/x/" + version + "\"}";
    }

    @Test
    void filtersByTypeTextAndInstalledState() throws Exception {
        CatalogDocument document = document();
        Bundle callback = mock(Bundle.class);
        when(callback.getVersion()).thenReturn(Version.parseVersion("1.0.0"));
        when(callback.getState()).thenReturn(Bundle.ACTIVE);
        when(callback.getHeaders("")).thenReturn(new Hashtable<>(Map.of(ModuleListing.PAGE_HEADER, "/pbx/modules/callback/")));
        Map<String, Bundle> installed = Map.of("org.pbx.demo.callback", callback);

        assertEquals(List.of("org.pbx.demo.recording"), ids(query(q -> q.type = "paid"), document, installed));
        assertEquals(List.of("org.pbx.demo.recording"), ids(query(q -> q.text = " RECORDING "), document, installed));
        assertEquals(List.of("org.pbx.demo.callback"), ids(query(q -> q.installed = true), document, installed));
        assertEquals(List.of("org.pbx.demo.callback"), ids(query(q -> q.updateAvailable = true), document, installed));
        assertEquals(2, ids(null, document, installed).size());
    }

    @Test
    void describesAModuleForThisPbx() throws Exception {
        CatalogDocument document = document();
        Bundle callback = mock(Bundle.class);
        when(callback.getVersion()).thenReturn(Version.parseVersion("1.0.0"));
        when(callback.getState()).thenReturn(Bundle.ACTIVE);
        when(callback.getHeaders("")).thenReturn(new Hashtable<>(Map.of(ModuleListing.PAGE_HEADER, "//evil.example/")));

        ModuleDTO free = listing.describe(document.modules.get("org.pbx.demo.callback"), callback);
        assertEquals("1.1.0", free.latestVersion);
        assertTrue(free.updateAvailable);
        assertTrue(free.licensed);
        assertNull(free.page, "a page is only a path on this PBX");

        ModuleDTO paid = listing.describe(document.modules.get("org.pbx.demo.recording"), null);
        assertFalse(paid.licensed, "no license for its feature");
        when(license.isFeatureAvailable("call-recording")).thenReturn(true);
        assertTrue(listing.describe(document.modules.get("org.pbx.demo.recording"), null).licensed);
    }

    @Test
    void marksEarlierReleasesThatRunHereAndTheirAdvisories() throws Exception {
        CatalogDocument document = document();
        Bundle callback = mock(Bundle.class);
        when(callback.getVersion()).thenReturn(Version.parseVersion("1.1.0"));
        when(callback.getHeaders("")).thenReturn(new Hashtable<>());
        ModuleListing advised = new ModuleListing(Version.parseVersion("7.2.0"), license,
                (id, version) -> version.equals(Version.parseVersion("1.0.0")) ? List.of("PBX-2026-7") : List.of());

        ModuleDTO installed = advised.describe(document.modules.get("org.pbx.demo.callback"), callback);
        assertEquals("1.1.0", installed.releases.get(0).version);
        assertFalse(installed.releases.get(0).earlier, "the installed release is not earlier");
        assertEquals(List.of(), installed.releases.get(0).advisoryIds);
        assertTrue(installed.releases.get(1).earlier);
        assertEquals(List.of("PBX-2026-7"), installed.releases.get(1).advisoryIds);

        ModuleDTO notInstalled = advised.describe(document.modules.get("org.pbx.demo.callback"), null);
        assertFalse(notInstalled.releases.get(1).earlier, "nothing is earlier than a module not installed");
    }

    private List<String> ids(ModuleQueryDTO query, CatalogDocument document, Map<String, Bundle> installed) {
        return listing.search(document.modules.values(), query, installed).stream().map(m -> m.id).sorted().toList();
    }

    private static ModuleQueryDTO query(java.util.function.Consumer<ModuleQueryDTO> set) {
        ModuleQueryDTO query = new ModuleQueryDTO();
        set.accept(query);
        return query;
    }
}
