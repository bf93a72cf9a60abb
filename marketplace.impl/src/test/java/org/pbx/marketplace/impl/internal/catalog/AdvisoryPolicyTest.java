package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Advisories parsed from a catalog, matched against installed versions, and what the update policy does about them. */
class AdvisoryPolicyTest {

    private static final String SHA = "0".repeat(64);
    private static final Version HOST = Version.parseVersion("7.2.0");

    private static String release(String module, String version, String minHost, String requires) {
        return "{\"version\":\"" + version + "\"" + (minHost == null ? "" : ",\"minHostVersion\":\"" + minHost + "\"")
                + ",\"size\":10,\"sha256\":\"" + SHA + "\",\"path\":\"/v1/modules/" + module + "/" + version + "/download\""
                + ",\"requires\":[" + (requires == null ? "" : "\"" + requires + "\"") + "]}";
    }

    private static String advisory(String id, String module, String affected, String fixed, String severity) {
        return "{\"id\":\"" + id + "\",\"moduleId\":\"" + module + "\",\"affected\":" + affected
                + (fixed == null ? "" : ",\"fixedVersion\":\"" + fixed + "\"") + ",\"severity\":\"" + severity + "\","
                + "\"title\":{\"en\":\"T\",\"ru\":\"Т\"},\"text\":{\"en\":\"X\",\"ru\":\"Х\"}}";
    }

    /** fax: 1.0.0 (affected), 1.0.1 (the fix), 1.1.0 (a feature release); paid: needs a license; newer: fix needs PBX 8. */
    private static CatalogDocument document(String... advisories) throws Exception {
        return new CatalogDocument(new ObjectMapper().readTree("{\"version\":3,\"modules\":["
                + "{\"id\":\"com.example.fax\",\"releases\":[" + release("com.example.fax", "1.0.0", null, null) + ","
                + release("com.example.fax", "1.0.1", null, null) + "," + release("com.example.fax", "1.1.0", null, null) + "]},"
                + "{\"id\":\"com.example.paid\",\"commercial\":true,\"featureId\":\"paid\",\"releases\":["
                + release("com.example.paid", "1.0.0", null, null) + "," + release("com.example.paid", "1.0.1", null, null) + "]},"
                + "{\"id\":\"com.example.newer\",\"releases\":[" + release("com.example.newer", "1.0.0", null, null) + ","
                + release("com.example.newer", "1.0.1", "8.0.0", null) + "]},"
                + "{\"id\":\"com.example.needs\",\"releases\":[" + release("com.example.needs", "1.0.0", null, null) + ","
                + release("com.example.needs", "1.0.1", null, "com.example.other") + "]}],"
                + "\"advisories\":[" + String.join(",", advisories) + "]}"));
    }

    private static List<String> fixes(FixPlanner.Plan plan) {
        return plan.fixes().stream().map(f -> f.moduleId() + " " + f.version()).collect(Collectors.toList());
    }

    @Test
    void anAdvisoryCoversTheVersionsOfItsRangesOnly() throws Exception {
        CatalogDocument doc = document(advisory("SA-1", "com.example.fax", "[\"[1.0.0,1.0.1)\"]", "1.0.1", "high"),
                advisory("SA-2", "com.example.fax", "[\"1.0.0\"]", null, "critical"));
        Advisories advisories = doc.advisories;
        assertEquals(List.of("SA-2", "SA-1"), advisories.covering("com.example.fax", Version.parseVersion("1.0.0")).stream()
                .map(a -> a.id).collect(Collectors.toList()), "most severe first");
        assertEquals(List.of("SA-2"), advisories.covering("com.example.fax", Version.parseVersion("1.1.0")).stream()
                .map(a -> a.id).collect(Collectors.toList()), "a bare version is that version and above");
        assertTrue(advisories.covering("com.example.paid", Version.parseVersion("1.0.0")).isEmpty(), "another module");
        assertTrue(document().advisories.all().isEmpty(), "a catalog without advisories");
        assertThrows(IllegalArgumentException.class,
                () -> document(advisory("SA-1", "com.example.fax", "[\"[1.0.0,oops)\"]", null, "low")), "a bad range refuses the catalog");
        assertThrows(IllegalArgumentException.class,
                () -> document(advisory("../SA", "com.example.fax", "[\"1.0.0\"]", null, "low")));
        assertEquals("critical", document(advisory("SA-9", "com.example.fax", "[\"1.0.0\"]", null, "apocalyptic"))
                .advisories.all().get(0).severity, "an unknown severity is never played down");
    }

    @Test
    void theAutomaticPolicyInstallsTheFixNotTheFeatureRelease() throws Exception {
        CatalogDocument doc = document(advisory("SA-1", "com.example.fax", "[\"[1.0.0,1.0.1)\"]", "1.0.1", "high"));
        FixPlanner.Plan plan = FixPlanner.plan(doc, Map.of("com.example.fax", Version.parseVersion("1.0.0")), HOST, f -> true);
        assertEquals(List.of("com.example.fax 1.0.1"), fixes(plan), "1.0.1, not the newest 1.1.0");
        assertEquals("SA-1", plan.fixes().get(0).advisoryId());
        assertEquals(List.of(), fixes(FixPlanner.plan(doc, Map.of("com.example.fax", Version.parseVersion("1.0.1")), HOST, f -> true)),
                "a fixed module is left alone");
    }

    @Test
    void neverAutomaticForANewerPbxALicenseMissingModulesOrNoFix() throws Exception {
        CatalogDocument doc = document(
                advisory("SA-P", "com.example.paid", "[\"[1.0.0,1.0.1)\"]", "1.0.1", "high"),
                advisory("SA-N", "com.example.newer", "[\"[1.0.0,1.0.1)\"]", "1.0.1", "critical"),
                advisory("SA-R", "com.example.needs", "[\"[1.0.0,1.0.1)\"]", "1.0.1", "medium"),
                advisory("SA-F", "com.example.fax", "[\"[1.0.0,1.0.1)\"]", null, "low"));
        Version one = Version.parseVersion("1.0.0");
        FixPlanner.Plan plan = FixPlanner.plan(doc, Map.of("com.example.paid", one, "com.example.newer", one,
                "com.example.needs", one, "com.example.fax", one), HOST, f -> false);
        assertEquals(List.of(), fixes(plan));
        Map<String, String> why = plan.skipped().stream().collect(Collectors.toMap(FixPlanner.Skipped::moduleId, FixPlanner.Skipped::why));
        assertTrue(why.get("com.example.paid").contains("needs a license"), why.toString());
        assertTrue(why.get("com.example.newer").contains("needs PBX"), why.toString());
        assertTrue(why.get("com.example.needs").contains("com.example.other"), why.toString());
        assertEquals("no fixed release yet", why.get("com.example.fax"));
        assertEquals(List.of("com.example.paid 1.0.1"), fixes(FixPlanner.plan(doc, Map.of("com.example.paid", one), HOST,
                "paid"::equals)), "licensed: fixed");
    }

    @Test
    void aFixThatIsItselfUnderAnAdvisoryIsNotInstalled() throws Exception {
        CatalogDocument doc = document(advisory("SA-1", "com.example.fax", "[\"[1.0.0,1.0.1)\"]", "1.0.1", "high"),
                advisory("SA-2", "com.example.fax", "[\"[1.0.1,1.1.0)\"]", "1.1.0", "high"));
        assertEquals(List.of("com.example.fax 1.1.0"), fixes(FixPlanner.plan(doc, Map.of("com.example.fax",
                Version.parseVersion("1.0.0")), HOST, f -> true)), "the next fix that is clean, still an advisory's fixed version");
    }

    @Test
    void thePolicyAndItsWindow() {
        UpdatePolicy night = UpdatePolicy.of("automatic", "23:00-04:00");
        assertEquals(UpdatePolicy.Mode.AUTOMATIC, night.mode);
        assertTrue(night.inWindow(LocalTime.of(23, 30)));
        assertTrue(night.inWindow(LocalTime.of(3, 59)));
        assertFalse(night.inWindow(LocalTime.of(4, 0)));
        assertFalse(night.inWindow(LocalTime.of(12, 0)));
        assertTrue(UpdatePolicy.of("AUTOMATIC", "00:00-24:00").inWindow(LocalTime.of(12, 0)), "all day");
        UpdatePolicy defaults = UpdatePolicy.of("manual", CatalogConfiguration.DEFAULT_WINDOW);
        assertEquals(UpdatePolicy.Mode.MANUAL, defaults.mode);
        assertTrue(defaults.inWindow(LocalTime.of(2, 0)));
        assertFalse(defaults.inWindow(LocalTime.of(5, 0)));
        UpdatePolicy typo = UpdatePolicy.of("automatik", "2am");
        assertEquals(UpdatePolicy.Mode.MANUAL, typo.mode, "a mistyped policy is never automatic");
        assertTrue(typo.problem.contains("automatik") && typo.problem.contains("2am"), typo.problem);
        assertEquals("notify", UpdatePolicy.of("notify", null).name());
    }

    @Test
    void dismissalsSurviveARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dismissed-advisories.json");
        AdvisoryDismissals first = new AdvisoryDismissals(file);
        assertTrue(first.dismiss("SA-1"));
        assertFalse(first.dismiss("SA-1"), "once");
        assertEquals(Set.of("SA-1"), new AdvisoryDismissals(file).ids());
        CatalogDocument doc = document(advisory("SA-1", "com.example.fax", "[\"[1.0.0,1.0.1)\"]", "1.0.1", "high"),
                advisory("SA-2", "com.example.fax", "[\"1.0.0\"]", null, "low"));
        List<org.pbx.marketplace.api.dto.AdvisoryDTO> listed = AdvisoryListing.forModule(doc, "com.example.fax",
                Version.parseVersion("1.0.0"), new AdvisoryDismissals(file).ids(), HOST);
        assertEquals(List.of("SA-1 true true", "SA-2 false false"), listed.stream()
                .map(a -> a.id + " " + a.dismissed + " " + a.fixAvailable).collect(Collectors.toList()),
                "a dismissed advisory is still listed, marked");
    }
}
