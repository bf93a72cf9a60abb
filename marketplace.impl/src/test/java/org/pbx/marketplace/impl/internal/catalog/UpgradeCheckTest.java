package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.pbx.marketplace.api.dto.UpgradeCheckDTO;
import org.pbx.marketplace.api.dto.UpgradeCheckModuleDTO;

import com.fasterxml.jackson.databind.ObjectMapper;

/** "Check PBX version X": each installed module's outcome from the releases' PBX version ranges. */
class UpgradeCheckTest {

    private static final String SHA = "0".repeat(64);
    private static final Version HOST = Version.parseVersion("7.2.0");

    private static CatalogDocument document() throws Exception {
        return new CatalogDocument(new ObjectMapper().readTree("{\"version\":5,\"modules\":["
                + module("fits", release("1.0.0", "7.0.0", null))
                + "," + module("update.before", release("1.0.0", "7.0.0", "7.99.99") + "," + release("1.1.0", "7.2.0", null)
                        + "," + release("2.0.0", "8.0.0", null))
                + "," + module("update.after", release("1.0.0", "7.0.0", "7.99.99") + "," + release("2.0.0", "8.0.0", null))
                + "," + module("stuck", release("1.0.0", "7.0.0", "7.99.99") + "," + release("0.9.0", "6.0.0", null))
                + "," + module("withdrawn", release("3.0.0", "7.0.0", "7.5.0"))
                + "]}"));
    }

    private static String module(String id, String releases) {
        return "{\"id\":\"" + id + "\",\"name\":{\"en\":\"" + id + "\"},\"releases\":[" + releases + "]}";
    }

    private static String release(String version, String min, String max) {
        return "{\"version\":\"" + version + "\",\"minHostVersion\":\"" + min + "\""
                + (max == null ? "" : ",\"maxHostVersion\":\"" + max + "\"")
                + ",\"size\":10,\"sha256\":\"" + SHA + "\",\"path\":\"/v1/x/" + version + "\"}";
    }

    private static UpgradeCheckDTO check(String target) throws Exception {
        Map<String, Version> installed = new LinkedHashMap<>();
        installed.put("fits", Version.parseVersion("1.0.0"));
        installed.put("update.before", Version.parseVersion("1.0.0"));
        installed.put("update.after", Version.parseVersion("1.0.0"));
        installed.put("stuck", Version.parseVersion("1.0.0"));
        installed.put("withdrawn", Version.parseVersion("2.0.0"));
        installed.put("not.in.catalog", Version.parseVersion("1.0.0"));
        return new UpgradeCheck(document().modules, HOST).check(UpgradeCheck.parse(target), target, installed, 5, false);
    }

    @Test
    void namesEachModulesOutcome() throws Exception {
        Map<String, UpgradeCheckModuleDTO> byId = check("8.0.0").modules.stream()
                .collect(Collectors.toMap(m -> m.moduleId, Function.identity()));
        assertEquals(UpgradeCheckModuleDTO.COMPATIBLE, byId.get("fits").outcome);
        assertNull(byId.get("fits").release);
        // The newest release that runs on 8.0.0 and on this PBX: it can be updated before the upgrade.
        assertEquals(UpgradeCheckModuleDTO.UPDATE_NEEDED, byId.get("update.before").outcome);
        assertEquals("1.1.0", byId.get("update.before").release);
        assertEquals("UPGRADE_UPDATE_BEFORE", byId.get("update.before").reason.code);
        // Only a release for 8.0.0 itself: updated after the upgrade.
        assertEquals("2.0.0", byId.get("update.after").release);
        assertEquals("UPGRADE_UPDATE_AFTER", byId.get("update.after").reason.code);
        // An older release that would run there is no way forward.
        assertEquals(UpgradeCheckModuleDTO.INCOMPATIBLE, byId.get("stuck").outcome);
        assertEquals("Release 1.0.0 needs PBX ≥ 7.0.0, ≤ 7.99.99 and no newer release runs on PBX 8.0.0.",
                byId.get("stuck").reason.message.get("en"));
        assertEquals(UpgradeCheckModuleDTO.INCOMPATIBLE, byId.get("withdrawn").outcome);
        assertEquals("UPGRADE_NOT_LISTED", byId.get("withdrawn").reason.code);
        assertEquals(UpgradeCheckModuleDTO.UNKNOWN, byId.get("not.in.catalog").outcome);
    }

    @Test
    void onTheRangesBoundsAndTheHostsOwnVersion() throws Exception {
        Map<String, String> at = outcomes("7.99.99");
        assertEquals(UpgradeCheckModuleDTO.COMPATIBLE, at.get("stuck"), "maxHostVersion is inclusive");
        assertEquals(UpgradeCheckModuleDTO.COMPATIBLE, at.get("update.after"));
        assertEquals(UpgradeCheckModuleDTO.INCOMPATIBLE, outcomes("6.5").get("update.before"), "below every newer release's minimum");
        assertEquals(UpgradeCheckModuleDTO.UPDATE_NEEDED, outcomes("7.5.0").get("withdrawn"),
                "an installed release the catalog no longer lists, a newer one that runs there");
    }

    @Test
    void theTextHasALinePerModuleInBothLanguages() throws Exception {
        UpgradeCheckDTO dto = check("8.0.0");
        String en = dto.text.get("en");
        assertTrue(en.startsWith("Upgrade check for PBX 8.0.0 (now 7.2.0, catalog 5)\n"), en);
        assertTrue(en.contains("\nupdate.before 1.0.0: compatible after updating to 1.1.0 — "), en);
        assertTrue(en.contains("\nfits 1.0.0: compatible — Release 1.0.0 runs on PBX 8.0.0: it needs ≥ 7.0.0.\n"), en);
        assertTrue(dto.text.get("ru").contains("\nstuck 1.0.0: несовместим — "), dto.text.get("ru"));
        assertEquals(7, en.split("\n").length, en);
    }

    @Test
    void onlyStrictVersionsAreChecked() {
        assertEquals(Version.parseVersion("8.0.0"), UpgradeCheck.parse(" 8.0.0 "));
        assertEquals(Version.parseVersion("8.0.0"), UpgradeCheck.parse("8"));
        for (String bad : new String[] {null, "", "8.0.0.beta", "v8", "8..0", "8.0.0.0", "8.x", "1".repeat(12)}) {
            assertNull(UpgradeCheck.parse(bad), bad);
        }
    }

    private static Map<String, String> outcomes(String target) throws Exception {
        return check(target).modules.stream().collect(Collectors.toMap(m -> m.moduleId, m -> m.outcome));
    }
}
