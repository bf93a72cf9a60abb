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
 * The module catalog of the Marketplace page in headless Chromium against the demo host jar (its
 * demo catalog: callback, weather, recording, crm): list and search, the free/paid filter, install
 * a free module and watch the progress bar reach done, then remove it; a paid module tried once the
 * PBX is registered; an operation followed again after a reload; a failed install explained beside
 * its module; a load failure that does not look like "no modules". Screenshots in target/screenshots
 * (catalog-section.png, the catalog part alone, is the README's docs/marketplace-catalog.png).
 */
class CatalogBrowserIT extends BrowserITSupport {

    /** Unregistered, nothing installed, English, no remembered operations, network unblocked. */
    @BeforeEach
    void cleanPbxInEnglish() throws Exception {
        assertEquals(204, admin.send("DELETE", API + "/license", null).statusCode());
        removeAll();
        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        open();
        browser.driver.executeScript("localStorage.removeItem('marketplace.lang'); sessionStorage.clear();");
        open();
        browser.await("the page in English", d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    @Test
    void listTheCatalogAndSearchIt() throws Exception {
        browser.await("the four demo modules listed", d -> listed().equals(DEMO));
        assertEquals("Weather widget", moduleText(WEATHER, ".module-name"));
        assertEquals("Shows the local weather on the operator panel.", moduleText(WEATHER, ".module-description"));
        assertEquals("PBX Marketplace (demo)", fact(WEATHER, "vendor"));
        assertEquals("Widgets", fact(WEATHER, "category"));
        assertEquals("not installed", fact(WEATHER, "installed"));
        assertEquals("1.0.0", fact(WEATHER, "latest"));
        assertEquals("Free", moduleText(WEATHER, ".badge-free"));
        assertEquals("Install 1.0.0", buttonText(WEATHER, "install"));
        assertTrue(text("catalog-meta").contains("Catalog version"), "which catalog and which PBX version: " + text("catalog-meta"));
        assertEquals("4 modules", text("catalog-count"));
        assertFalse(displayed("catalog-stale"), "a fresh catalog has no stale banner");

        // Details: every release with its changelog and whether it runs here.
        openDetails(CALLBACK);
        browser.await("the callback module's releases", d -> module(CALLBACK).findElements(By.cssSelector(".releases tbody tr")).size() == 2);
        String releases = module(CALLBACK).findElement(By.cssSelector(".releases")).getText();
        assertTrue(releases.contains("1.1.0") && releases.contains("Works with PBX 7.2 queues.") && releases.contains("First release."), releases);
        assertTrue(releases.contains("runs"), releases);
        scrollToCatalog();
        browser.screenshot("catalog");

        byId("catalog-search").sendKeys("weather");
        browser.await("the search narrowed to the weather widget", d -> listed().equals(List.of(WEATHER)));
        assertEquals("1 module", text("catalog-count"));
        byId("catalog-search").clear();
        byId("catalog-search").sendKeys("no such module at all");
        browser.await("no match said as such", d -> byId("catalog-empty").isDisplayed());
        assertEquals("No modules match the search and filters.", text("catalog-empty-text"));
        assertFalse(displayed("catalog-error"), "no match is not a load failure");
        click("catalog-clear");
        browser.await("all four back", d -> listed().equals(DEMO));
    }

    @Test
    void installAFreeModuleWatchTheProgressReachDoneThenRemoveIt() throws Exception {
        browser.await("the weather widget listed", d -> listed().contains(WEATHER));
        byId("catalog-search").sendKeys("weather");
        browser.await("the search narrowed to the weather widget", d -> listed().equals(List.of(WEATHER)));

        clickButton(WEATHER, "install");
        browser.await("the progress bar of the install", d -> operation(WEATHER).isDisplayed());
        browser.await("the progress bar at 100 % and the install done", d -> "SUCCEEDED".equals(operation(WEATHER).getAttribute("data-state"))
                && "100".equals(operation(WEATHER).findElement(By.tagName("progress")).getDomProperty("value")));
        browser.await("the installed version shown", d -> "1.0.0".equals(fact(WEATHER, "installed")));
        // Inside a wait: the list re-renders (e.g. when the catalog names products), replacing the elements.
        browser.await("Installed 1.0.0 at 100%", d -> "Installed 1.0.0".equals(operation(WEATHER).findElement(By.cssSelector(".operation-step")).getText())
                && "100%".equals(operation(WEATHER).findElement(By.cssSelector(".operation-percent")).getText()));
        assertFalse(moduleHas(WEATHER, "[data-action='install']"), "no Install once installed");
        assertTrue(buttonEnabled(WEATHER, "remove"));
        assertEquals("{}", browser.driver.executeScript("return sessionStorage.getItem('marketplace.operations')"),
                "a finished operation is no longer remembered for a reload");
        scrollToCatalog();
        browser.screenshot("catalog-installed");

        // The module is really there: its page answers, behind the admin login.
        admin.awaitStatus("/pbx/modules/weather/", 200);

        clickButton(WEATHER, "remove");
        browser.await("the removal confirmation", d -> byId("catalog-confirm-remove").isDisplayed());
        assertTrue(text("catalog-confirm-text").contains("Weather widget"));
        click("catalog-confirm-yes");
        browser.await("the removal done", d -> "Module removed".equals(operation(WEATHER).findElement(By.cssSelector(".operation-step")).getText()));
        browser.await("shown as not installed", d -> "not installed".equals(fact(WEATHER, "installed")));
        assertEquals("100", browser.read("the progress", d -> operation(WEATHER).findElement(By.tagName("progress")).getDomProperty("value")));
        admin.awaitStatus("/pbx/modules/weather/", 404);
    }

    @Test
    void paidFilterShowsPaidModulesThatNeedARegistration() throws Exception {
        browser.await("the catalog listed", d -> listed().equals(DEMO));
        click("catalog-type-paid");
        browser.await("only the paid modules", d -> listed().equals(List.of(RECORDING, "org.pbx.demo.crm")));
        for (String id : browser.read("the listed modules", d -> listed())) {
            assertEquals("Paid", moduleText(id, ".badge-paid"), id);
            assertFalse(moduleHas(id, ".badge-free"), id);
            assertEquals("Not licensed", moduleText(id, ".badge-unlicensed"), id);
            assertEquals("Start a trial", buttonText(id, "install"), id);
            assertFalse(buttonEnabled(id, "install"), "unregistered: a trial needs a registration first");
            assertTrue(moduleText(id, ".action-hint").contains("register the PBX"), id);
        }
        scrollToCatalog();
        browser.screenshot("catalog-paid");

        click("catalog-type-free");
        browser.await("only the free modules", d -> listed().equals(List.of(CALLBACK, WEATHER)));
    }

    @Test
    void tryAPaidModuleOnceRegistered() throws Exception {
        String body = "{\"companyName\":\"Trial Co\",\"email\":\"trial@example.com\",\"contactName\":\"Ann\"}";
        assertEquals(201, admin.send("POST", API + "/registration", body).statusCode());
        open();
        browser.await("the registered view", d -> byId("registered").isDisplayed());
        click("catalog-type-paid");
        browser.await("the paid modules", d -> listed().contains(RECORDING));
        browser.await("the trial offered", d -> button(RECORDING, "install").isEnabled());
        assertEquals("Start a trial", buttonText(RECORDING, "install"));

        clickButton(RECORDING, "install");
        // A trial asks first (PagesBrowserIT.aTrialAsksFirst photographs it).
        browser.await("the trial confirmation", d -> byId("catalog-confirm-trial").isDisplayed());
        assertTrue(text("catalog-trial-text").contains("30 days"), text("catalog-trial-text"));
        click("catalog-trial-yes");
        browser.await("the trial install done", d -> "SUCCEEDED".equals(operation(RECORDING).getAttribute("data-state")));
        browser.await("licensed and installed", d -> "1.0.0".equals(fact(RECORDING, "installed"))
                && !module(RECORDING).findElements(By.cssSelector(".badge-licensed")).isEmpty());
        browser.await("the trial among the license's products", d -> byId("products").getText().contains("Call Recording Pro"));
        admin.awaitStatus("/pbx/modules/recording/", 200);
        scrollToCatalog();
        browser.screenshot("catalog-trial");
        browser.screenshot("catalog-section", byId("catalog"));

        clickButton(RECORDING, "remove");
        click("catalog-confirm-yes");
        browser.await("removed", d -> "not installed".equals(fact(RECORDING, "installed")));
    }

    @Test
    void anOperationIsFollowedAgainAfterAReload() throws Exception {
        String operation = start("POST", API + "/modules/" + CALLBACK + "/install");
        // As if the page had started it and been reloaded while it ran.
        browser.driver.executeScript("sessionStorage.setItem('marketplace.operations', JSON.stringify({[arguments[0]]: arguments[1]}))",
                CALLBACK, operation);
        open();
        browser.await("the operation shown at done after the reload", d -> "SUCCEEDED".equals(operation(CALLBACK).getAttribute("data-state"))
                && "100".equals(operation(CALLBACK).findElement(By.tagName("progress")).getDomProperty("value")));
        browser.await("the installed version", d -> "1.1.0".equals(fact(CALLBACK, "installed")));
        assertEquals("{}", browser.driver.executeScript("return sessionStorage.getItem('marketplace.operations')"));
    }

    @Test
    void aFailedInstallSaysWhyBesideTheModuleInThePageLanguage() throws Exception {
        // Unregistered, a paid module cannot start its trial: the operation fails at the license step.
        String operation = start("POST", API + "/modules/" + RECORDING + "/install");
        assertEquals("FAILED", awaitOperation(operation).get("state"));
        browser.driver.findElement(By.cssSelector("button[data-lang='ru']")).click();
        browser.await("the page in Russian", d -> "Модули".equals(text("catalog-heading")));
        browser.driver.executeScript("sessionStorage.setItem('marketplace.operations', JSON.stringify({[arguments[0]]: arguments[1]}))",
                RECORDING, operation);
        open();
        browser.await("the failure shown beside the module", d -> "FAILED".equals(operation(RECORDING).getAttribute("data-state")));
        String error = moduleText(RECORDING, ".operation .operation-error");
        assertTrue(error.startsWith("Лицензия не распространяется на платный модуль"), "the reason in Russian: " + error);
        String shown = moduleText(RECORDING, ".operation");
        assertTrue(shown.contains("не удалась"), shown);
        assertEquals("не установлен", fact(RECORDING, "installed"));
        browser.driver.executeScript("arguments[0].scrollIntoView()", module(RECORDING));
        browser.screenshot("catalog-failed-ru");
    }

    @Test
    void aCatalogThatCannotBeLoadedIsNotAnEmptyCatalog() throws Exception {
        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*" + API + "/modules*")));
        open();
        browser.await("the load failure said as such", d -> byId("catalog-error").isDisplayed());
        assertEquals("The catalog could not be loaded", byId("catalog-error").findElement(By.tagName("strong")).getText());
        assertTrue(text("catalog-error-text").contains("This is not an empty catalog"), text("catalog-error-text"));
        assertFalse(displayed("catalog-empty"), "not the \"no modules\" state");
        assertTrue(listed().isEmpty());
        scrollToCatalog();
        browser.screenshot("catalog-load-failed");

        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        click("catalog-retry");
        browser.await("the catalog after the retry", d -> listed().equals(DEMO));
        assertFalse(displayed("catalog-error"));

        click("catalog-refresh");
        browser.await("the refresh done", d -> byId("catalog-refresh").isEnabled() && "Refresh catalog".equals(text("catalog-refresh")));
        browser.await("the catalog still listed", d -> listed().equals(DEMO));
        assertFalse(displayed("catalog-action-error"), "the vendor inside the host answers the refresh");
    }
}
