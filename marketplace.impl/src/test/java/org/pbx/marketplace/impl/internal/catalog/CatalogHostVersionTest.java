package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A PBX that names no version (pbx.host.version unset) is told what to set, not that every module is too new. */
class CatalogHostVersionTest {

    private static final String SHA = "0".repeat(64);

    private static CatalogDocument document() throws Exception {
        return new CatalogDocument(new ObjectMapper().readTree("{\"version\":1,\"modules\":["
                + "{\"id\":\"org.pbx.demo.ivr\",\"releases\":[{\"version\":\"2.0.0\",\"minHostVersion\":\"7.0.0\","
                + "\"size\":10,\"sha256\":\"" + SHA + "\",\"path\":\"/modules/ivr-2.0.0.jar\"}]},"
                + "{\"id\":\"org.pbx.demo.any\",\"releases\":[{\"version\":\"1.0.0\","
                + "\"size\":10,\"sha256\":\"" + SHA + "\",\"path\":\"/modules/any-1.0.0.jar\"}]}]}"));
    }

    private static Map<String, ModuleDTO> modules(Version host) throws Exception {
        CatalogDTO dto = CatalogView.of(document(), 1, host).toDTO(null, Map.of(), null, 2);
        return Map.of(dto.modules.get(0).id, dto.modules.get(0), dto.modules.get(1).id, dto.modules.get(1));
    }

    @Test
    void anUnknownHostVersionSaysWhatToSet() throws Exception {
        Map<String, ModuleDTO> modules = modules(CatalogView.UNKNOWN_HOST);
        ModuleDTO ivr = modules.get("org.pbx.demo.ivr");
        assertFalse(ivr.compatible);
        assertEquals("HOST_VERSION_UNKNOWN", ivr.incompatibleReason.code);
        assertEquals("This PBX does not say its version (framework property pbx.host.version), so release 2.0.0,"
                + " which needs PBX version ≥ 7.0.0, cannot be checked for compatibility. Set pbx.host.version to the"
                + " PBX's version in the framework properties (on Apache Karaf: etc/custom.properties) and restart the PBX.",
                ivr.incompatibleReason.message.get("en"));
        assertTrue(ivr.incompatibleReason.message.get("ru").contains("pbx.host.version"), ivr.incompatibleReason.message.get("ru"));
        assertEquals("HOST_VERSION_UNKNOWN", ivr.releases.get(0).incompatibleReason.code);
        // A release that names no minimum runs anywhere, version or not.
        assertTrue(modules.get("org.pbx.demo.any").compatible);
        assertNull(modules.get("org.pbx.demo.any").incompatibleReason);
    }

    @Test
    void aHostThatSaysItsVersionGetsTheRange() throws Exception {
        ModuleDTO ivr = modules(Version.parseVersion("0.0.0")).get("org.pbx.demo.ivr");
        assertEquals("INCOMPATIBLE", ivr.incompatibleReason.code);
        assertEquals("Release 2.0.0 needs PBX version ≥ 7.0.0; this PBX is 0.0.0.", ivr.incompatibleReason.message.get("en"));
        assertTrue(modules(Version.parseVersion("7.1.0")).get("org.pbx.demo.ivr").compatible);
    }
}
