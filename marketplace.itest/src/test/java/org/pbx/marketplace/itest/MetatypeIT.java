package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Every configuration of the Marketplace's bundles is fully described through the real
 * MetaTypeService, so the Web Console shows named, described fields, and secrets are typed PASSWORD.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetatypeIT extends MarketplaceTestSupport {

    @Inject
    MetaTypeService metaType;

    @Test
    public void everyAttributeOfEveryMarketplaceConfigurationHasANameAndADescription() {
        List<String> problems = new ArrayList<>();
        int attributes = 0;
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getSymbolicName().startsWith("marketplace.")) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            for (String pid : pids(info)) {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                check(problems, pid, "name", ocd.getName());
                check(problems, pid, "description", ocd.getDescription());
                for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                    attributes++;
                    check(problems, pid + "/" + ad.getID(), "name", ad.getName());
                    check(problems, pid + "/" + ad.getID(), "description", ad.getDescription());
                }
            }
        }
        assertTrue("no attribute found: is metatype generated?", attributes > 20);
        assertTrue("incomplete metatype:\n  " + String.join("\n  ", problems), problems.isEmpty());
    }

    @Test
    public void secretsArePasswordFields() {
        assertPassword("marketplace.impl", "org.pbx.marketplace.license", "licenseKey");
        assertPassword("marketplace.web", "org.pbx.marketplace.web.admin", "password");
        assertPassword("marketplace.server", "org.pbx.marketplace.server", "smtpPassword");
        assertPassword("marketplace.server", "org.pbx.marketplace.server", "adminToken");
    }

    @Test
    public void theWebConsoleListsTheMarketplaceConfigurationsByName() throws Exception {
        String console = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        await("the Web Console at /system/console", () -> sendRaw(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/system/console/configMgr")).header("Authorization", console)).statusCode() == 200);
        String page = sendRaw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/system/console/configMgr"))
                .header("Authorization", console)).body();
        assertTrue("the license configuration by its metatype name", page.contains("Marketplace license"));
        assertTrue("the health check configuration by its metatype name", page.contains("Marketplace license health check"));
    }

    private void assertPassword(String bsn, String pid, String attribute) {
        Bundle bundle = bundle(bsn);
        MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
        assertTrue(bsn + " describes " + pid + ": " + pids(info), pids(info).contains(pid));
        for (AttributeDefinition ad : info.getObjectClassDefinition(pid, null).getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            if (ad.getID().equals(attribute)) {
                assertEquals(pid + "/" + attribute + " is a password field", AttributeDefinition.PASSWORD, ad.getType());
                return;
            }
        }
        throw new AssertionError(pid + " has no attribute " + attribute);
    }

    private Bundle bundle(String bsn) {
        for (Bundle bundle : context.getBundles()) {
            if (bsn.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + bsn);
    }

    private static List<String> pids(MetaTypeInformation info) {
        List<String> pids = new ArrayList<>();
        if (info != null) {
            pids.addAll(List.of(info.getPids()));
            pids.addAll(List.of(info.getFactoryPids()));
        }
        return pids;
    }

    private static void check(List<String> problems, String what, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(what + " has no " + field);
        }
    }
}
