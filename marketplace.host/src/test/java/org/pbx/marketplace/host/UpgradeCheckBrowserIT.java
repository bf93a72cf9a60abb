package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Earlier versions and the upgrade check on the Marketplace page, in headless Chromium against the
 * demo host jar: an earlier release installed back from the module's details (asked first, followed
 * to "Back at …"), and "Check PBX version 8.0.0" naming each installed module's outcome, its report
 * copied as text; a malformed version said plainly in English and Russian. The report is
 * photographed as upgrade-report-{en|ru}-{1280|390}.png, its section alone as readme-upgrade.png
 * (the README's docs/marketplace-upgrade-check.png).
 */
class UpgradeCheckBrowserIT extends BrowserITSupport {

    @BeforeEach
    void clean() throws Exception {
        startClean();
    }

    @Test
    void anEarlierReleaseIsInstalledBackFromTheDetails() throws Exception {
        awaitCatalog();
        awaitOperation(start("POST", API + "/modules/" + CALLBACK + "/install"));
        browser.await("callback 1.1.0 installed", d -> "1.1.0".equals(fact(CALLBACK, "installed")));
        openDetails(CALLBACK);
        browser.await("1.0.0 offered to go back to", d -> !module(CALLBACK).findElements(By.cssSelector("[data-action='downgrade-1.0.0']")).isEmpty());
        assertFalse(moduleHas(CALLBACK, "[data-action='downgrade-1.1.0']"),
                "the installed release is not offered");
        clickButton(CALLBACK, "downgrade-1.0.0");
        visible("catalog-confirm-downgrade");
        assertEquals("Go back to 1.0.0?", text("catalog-downgrade-heading"));
        // The demo catalog's advisory PBXSA-DEMO-001 covers callback 1.0.0: the dialog says so and asks "anyway".
        assertEquals("Install 1.0.0 anyway", text("catalog-downgrade-yes"));
        assertTrue(byId("catalog-downgrade-advisories").isDisplayed(), "the advisory on 1.0.0 is said");
        assertTrue(text("catalog-downgrade-advisories").contains("PBXSA-DEMO-001"), text("catalog-downgrade-advisories"));
        click("catalog-downgrade-yes");
        browser.await("the downgrade followed to its end", d -> operation(CALLBACK).getText().contains("Back at 1.0.0"));
        browser.await("callback 1.0.0 installed", d -> "1.0.0".equals(fact(CALLBACK, "installed")));
    }

    @Test
    void theUpgradeCheckNamesEachModuleAndCopiesAsText() throws Exception {
        awaitCatalog();
        register("Upgrade Ltd", "upgrade@example.com");
        awaitOperation(start("POST", API + "/modules/" + WEATHER + "/install"));
        Map<String, Object> back = awaitOperation(startWith(API + "/modules/" + CALLBACK + "/install", "{\"version\":\"1.0.0\"}"));
        assertEquals("SUCCEEDED", back.get("state"), back.toString());
        for (String id : List.of(RECORDING, CRM)) {
            Map<String, Object> op = awaitOperation(start("POST", API + "/modules/" + id + "/install"));
            assertEquals("SUCCEEDED", op.get("state"), id + ": " + op);
        }
        open();
        awaitCatalog();

        byId("upgrade-version").sendKeys("8.x");
        click("upgrade-run");
        browser.await("the malformed version refused", d -> byId("upgrade-error").isDisplayed());
        assertEquals("\"8.x\" is not a PBX version. Write it as major.minor.micro, digits only, e.g. 8.0.0.", text("upgrade-error"));
        language("ru");
        click("upgrade-run");
        browser.await("the refusal in Russian", d -> text("upgrade-error").startsWith("«8.x» — не версия АТС."));
        language("en");

        byId("upgrade-version").clear();
        byId("upgrade-version").sendKeys("8.0.0");
        click("upgrade-run");
        browser.await("four modules checked", d -> byId("upgrade-result").isDisplayed()
                && d.findElements(By.cssSelector("#upgrade-table tbody tr")).size() == 4);
        assertFalse(byId("upgrade-error").isDisplayed());
        assertEquals("UPDATE_NEEDED", outcome(CALLBACK));
        assertEquals("compatible after updating to 1.1.0", cell(CALLBACK, 3));
        assertEquals("COMPATIBLE", outcome(WEATHER));
        assertEquals("COMPATIBLE", outcome(CRM));
        assertEquals("INCOMPATIBLE", outcome(RECORDING));
        assertTrue(cell(RECORDING, 4).contains("≤ 7.99.99"), cell(RECORDING, 4));
        assertTrue(text("upgrade-summary").startsWith("PBX 8.0.0: compatible 2, after an update 1, incompatible 1"), text("upgrade-summary"));

        browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", url(""),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        click("upgrade-copy");
        browser.await("the copy confirmed", d -> !text("upgrade-copy-done").isEmpty());
        Object copied = browser.driver.executeAsyncScript("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('refused: ' + e))");
        String shown = (String) browser.driver.executeScript("return document.getElementById('upgrade-text').textContent");
        assertTrue(shown.startsWith("Upgrade check for PBX 8.0.0 (now "), shown);
        assertTrue(shown.contains(CALLBACK + " 1.0.0: compatible after updating to 1.1.0 — "), shown);
        assertTrue(shown.equals(copied) || byId("upgrade-text").isDisplayed(), "the report copied or shown to copy: " + copied);

        browser.driver.executeScript("document.getElementById('upgrade-check').scrollIntoView()");
        for (String lang : List.of("en", "ru")) {
            language(lang);
            browser.await("the report in " + lang, d -> !cell(RECORDING, 3).isEmpty()
                    && cell(RECORDING, 3).equals(lang.equals("en") ? "incompatible" : "несовместим"));
            for (int width : List.of(1280, 390)) {
                browser.viewport(width, 900);
                assertEquals(0, browser.overflow(), "the upgrade report in " + lang + " at " + width + " px scrolls sideways: "
                        + browser.overflowing());
                browser.fullScreenshot("upgrade-report-" + lang + "-" + width, width);
            }
        }
        browser.viewport(1280, 900);
        language("en");
        browser.driver.executeScript("document.getElementById('upgrade-check').scrollIntoView()");
        browser.screenshot("readme-upgrade", byId("upgrade-check"));
    }

    private static String outcome(String moduleId) {
        return row(moduleId).getAttribute("data-outcome");
    }

    private static String cell(String moduleId, int column) {
        return row(moduleId).findElement(By.cssSelector("td:nth-child(" + column + ")")).getText().trim();
    }

    private static WebElement row(String moduleId) {
        return browser.driver.findElement(By.cssSelector("#upgrade-table tbody tr[data-module='" + moduleId + "']"));
    }

    private static String startWith(String path, String body) throws Exception {
        var response = admin.send("POST", path, body);
        assertEquals(202, response.statusCode(), response.body());
        return (String) json(response).get("id");
    }
}
