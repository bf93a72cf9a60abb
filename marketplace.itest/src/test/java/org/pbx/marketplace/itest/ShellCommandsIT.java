package org.pbx.marketplace.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;

/**
 * The marketplace:* console commands, run through the real Gogo CommandProcessor against the
 * reference vendor server inside the runtime, with what they print asserted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ShellCommandsIT extends MarketplaceTestSupport {

    private static final String CALLBACK = "org.pbx.demo.callback";

    @Inject
    CommandProcessor processor;

    @Inject
    LicenseService license;

    @Test
    public void licenseCommandsFromRegistrationToUnregistration() throws Exception {
        awaitCommands();
        try (GogoSession shell = new GogoSession(processor, "en")) {
            GogoSession.Output status = shell.run("marketplace:status");
            assertTrue(status.toString(), status.out.contains("  Status: Not registered\n"));
            assertTrue("says what to do", status.out.contains("marketplace:register"));

            GogoSession.Output refused = shell.run("marketplace:coupon MKTC-DEMO1-RECPR-0365D-00001");
            assertTrue(refused.toString(), refused.err.startsWith("Refused: "));
            assertEquals(LicenseStatus.UNREGISTERED, license.license().status);

            GogoSession.Output registered = shell.run(
                    "marketplace:register --phone \"+7 900 000-00-00\" \"Shell Co\" shell@example.com \"Ann Operator\"");
            // The vendor inside the test runtime sends no mail, and says so: no "sent to" then.
            assertTrue(registered.toString(), registered.out.startsWith("Registered. The vendor sent no letter with the key: "
                    + "show it with \"marketplace:key --reveal\" now"));
            assertTrue(registered.out.contains("  Status: Active\n"));
            assertTrue(registered.out.contains("Holder: Shell Co <shell@example.com>"));
            String key = revealedKey();
            assertFalse("the key is masked unless asked for", registered.out.contains(key));

            GogoSession.Output masked = shell.run("marketplace:key");
            assertEquals("Key: " + license.license().maskedKey + " (to show it in full: marketplace:key --reveal)\n", masked.out);
            assertEquals("Key: " + key + "\n", shell.run("marketplace:key --reveal").out);

            shell.run("marketplace:modules --refresh"); // the catalog names the features
            GogoSession.Output coupon = shell.run("marketplace:coupon MKTC-DEMO2-CRMCO-0090D-00002");
            assertTrue(coupon.toString(), coupon.out.startsWith("Coupon applied."));
            assertTrue("products table", coupon.out.matches("(?s).*Product\\s+Name\\s+Trial\\s+Expires\\n-+.*crm-connector.*"));
            assertTrue("features table", coupon.out.matches("(?s).*Feature\\s+Name\\s+Available\\s+Seats\\s+Expires\\n-+.*crm-connector\\s+CRM Connector\\s+yes.*"));

            GogoSession.Output trial = shell.run("marketplace:trial call-recording-pro");
            assertTrue(trial.toString(), trial.out.startsWith("The trial of \"Call Recording Pro\" started."));
            assertTrue(license.isFeatureAvailable("call-recording"));

            GogoSession.Output refreshed = shell.run("marketplace:refresh");
            assertTrue(refreshed.toString(), refreshed.out.startsWith("Checked with the vendor."));

            GogoSession.Output cancelled = shell.run("marketplace:unregister");
            assertTrue(cancelled.toString(), cancelled.out.startsWith("Registration cancelled"));
            assertEquals(LicenseStatus.UNREGISTERED, license.license().status);
            assertTrue(shell.run("marketplace:key").out.startsWith("No key"));
            assertTrue(shell.run("marketplace:unregister").out.startsWith("Nothing to cancel"));
        }
    }

    @Test
    public void moduleCommandsListInstallAndUninstallAFreeModule() throws Exception {
        awaitCommands();
        try (GogoSession shell = new GogoSession(processor, "en")) {
            GogoSession.Output modules = shell.run("marketplace:modules --refresh");
            assertTrue(modules.toString(), modules.out.matches("(?s)Catalog version \\d+, fetched .*"));
            assertTrue(modules.out.matches("(?s).*Module\\s+Name\\s+Type\\s+Installed\\s+Latest\\s+Licensed\\s+Notes\\n-+.*"));
            assertTrue(modules.out.matches("(?s).*\\n" + CALLBACK.replace(".", "\\.") + "\\s+.*\\s+free\\s+\u2014\\s+1\\.1\\.0\\s+yes.*"));
            assertTrue(modules.out.matches("(?s).*org\\.pbx\\.demo\\.recording\\s+.*paid.*needs a license \\(to try it: marketplace:trial call-recording-pro\\).*"));

            GogoSession.Output found = shell.run("marketplace:search CRM");
            assertTrue(found.toString(), found.out.contains("org.pbx.demo.crm"));
            assertFalse(found.out.contains(CALLBACK + " "));

            GogoSession.Output installed = shell.run("marketplace:install --version 1.0.0 " + CALLBACK);
            assertTrue(installed.toString(), installed.out.contains("Installation of " + CALLBACK + " 1.0.0: operation "));
            assertTrue(installed.toString(), installed.out.endsWith("Installation of " + CALLBACK + " 1.0.0: done.\n"));
            assertFalse("steps in words, not as codes: " + installed,
                    installed.out.matches("(?s).*\\b(METADATA|LICENSE|DOWNLOAD|VERIFY|INSTALL|START|DONE)\\b.*"));
            assertEquals(Bundle.ACTIVE, moduleBundle(CALLBACK).getState());

            GogoSession.Output listed = shell.run("marketplace:modules --installed");
            assertTrue(listed.toString(), listed.out.matches("(?s).*" + CALLBACK.replace(".", "\\.")
                    + "\\s+.*1\\.0\\.0\\s+1\\.1\\.0\\s+yes\\s+advisory PBXSA-DEMO-001 \\(high\\), update available\\n.*"));

            GogoSession.Output updated = shell.run("marketplace:update " + CALLBACK);
            assertTrue(updated.toString(), updated.out.endsWith("Update of " + CALLBACK + " to 1.1.0: done.\n"));
            assertEquals("1.1.0", moduleBundle(CALLBACK).getVersion().toString());

            GogoSession.Output removed = shell.run("marketplace:uninstall " + CALLBACK);
            assertTrue(removed.toString(), removed.out.endsWith("Removal of " + CALLBACK + ": done.\n"));
            assertNull(moduleBundle(CALLBACK));

            GogoSession.Output again = shell.run("marketplace:uninstall " + CALLBACK);
            assertTrue(again.toString(), again.err.startsWith("Refused: ") && again.err.contains("[NOT_INSTALLED]"));
        }
    }

    @Test
    public void russianOnRequest() throws Exception {
        awaitCommands();
        try (GogoSession shell = new GogoSession(processor, "ru")) {
            GogoSession.Output status = shell.run("marketplace:status");
            assertTrue(status.toString(), status.out.contains("  Статус: не зарегистрирована\n"));
            assertTrue(status.out.contains("Не зарегистрирована"));
        }
    }

    /** The commands are DS components; Gogo picks them up when they are registered. */
    private void awaitCommands() {
        await("the marketplace console commands", () -> commandsRegistered("status") && commandsRegistered("install"));
    }

    private boolean commandsRegistered(String function) {
        try {
            return context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=marketplace)(osgi.command.function=" + function + "))") != null;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Bundle moduleBundle(String id) {
        return Arrays.stream(context.getBundles()).filter(b -> id.equals(b.getSymbolicName())).findFirst().orElse(null);
    }
}
