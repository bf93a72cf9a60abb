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
 * Issue 20 item 10 in headless Chromium against the demo host jar: the vendor's client cabinet names this
 * PBX by the host name and PBX version it reports, its installation id as a detail; "Release" there shows
 * on the PBX's page at its next check, in plain words with what to do, and paid features go off. Each state
 * is checked to fit from 1280 to 360 px and photographed as {state}-{en|ru}-{1280|390}.png.
 */
class CabinetBrowserIT extends BrowserITSupport {

    private static final List<Integer> WIDTHS = List.of(1280, 390);
    private static final int NARROWEST = 360;

    @BeforeEach
    void unregistered() throws Exception {
        assertEquals(204, admin.send("DELETE", API + "/license", null).statusCode());
        browser.viewport(1280, 900);
    }

    @Test
    void theCabinetNamesThisPbxAndItsReleaseShowsOnThePbx() throws Exception {
        register("Cabinet View Ltd", "cabinet-view@example.com");
        String key = fullKey();
        Map<String, Object> license = json(admin.send("GET", API + "/license", null));
        String installationId = (String) license.get("installationId");
        String version = (String) json(admin.send("GET", API + "/about", null)).get("hostVersion");

        browser.driver.get(url("/vendor/cabinet/?lang=en"));
        browser.driver.findElement(By.id("key")).sendKeys(key);
        browser.driver.findElement(By.cssSelector("form[action='login'] button")).click();
        browser.await("the cabinet's installations", d -> !d.findElements(By.cssSelector("span.installation")).isEmpty());
        WebElement row = installationRow();
        assertEquals(HOST_NAME, row.findElement(By.cssSelector("span.installation")).getText().trim(), "by its host name");
        assertEquals("PBX " + version, row.findElement(By.cssSelector("small.version")).getText().trim(), "and PBX version");
        assertTrue(row.getText().contains("installation ID " + installationId), "the id as a detail: " + row.getText());
        cabinetStates("cabinet-installations", Map.of("en", "PBX " + version, "ru", "АТС " + version));

        browser.driver.get(url("/vendor/cabinet/?lang=en"));
        installationRow().findElement(By.cssSelector("form[action='release'] button")).click();
        browser.await("the release said", d -> d.findElement(By.tagName("body")).getText()
                .contains("The released PBX switches its paid modules off at its next check"));
        assertTrue(browser.driver.findElements(By.cssSelector("span.installation")).isEmpty(), "no longer bound");
        cabinetStates("cabinet-released", Map.of("en", "No PBX is bound to this key", "ru", "К ключу не привязана ни одна АТС"));

        // The PBX's next check (here the admin's "Check with the marketplace now") hears of the release.
        open();
        visible("registered");
        click("refresh");
        browser.await("the released seat on the PBX's page",
                d -> text("banner-title").equals("This PBX's seat was released"));
        String reason = text("banner-reason");
        assertTrue(reason.startsWith("The seat of this PBX was released in the vendor's license cabinet on "), reason);
        assertTrue(reason.contains("To use the license key here again, choose \"Check with the marketplace now\""), reason);
        assertFalse(reason.contains("UTC"), "the date in the page's one format: " + reason);
        assertFalse(text("banner-support").contains("E_"), "no error names in what the admin reads: " + text("banner-support"));
        license = json(admin.send("GET", API + "/license", null));
        assertEquals("INVALID", license.get("status"));
        assertEquals("SEAT_RELEASED", ((Map<?, ?>) license.get("reason")).get("code"));
        for (Object feature : (List<?>) license.get("features")) {
            assertEquals(Boolean.FALSE, ((Map<?, ?>) feature).get("available"), "paid features off: " + feature);
        }
        states("seat-released", Map.of("en", "This PBX's seat was released", "ru", "Место этой АТС освобождено"));

        // Taken back only when the admin asks: the next check binds the key again.
        click("refresh");
        browser.await("active again", d -> text("license-status").equals("Active"));
        assertFalse(byId("banner").isDisplayed());
    }

    private static WebElement installationRow() {
        return browser.driver.findElement(By.xpath("//span[@class='installation']/ancestor::tr"));
    }

    /** The cabinet page in each language (its ?lang=), checked to fit and photographed. */
    private static void cabinetStates(String state, Map<String, String> says) throws Exception {
        for (String lang : List.of("en", "ru")) {
            browser.driver.get(url("/vendor/cabinet/?lang=" + lang));
            browser.await(state + " in " + lang, d -> d.findElement(By.tagName("body")).getText().contains(says.get(lang)));
            photograph(state, lang);
        }
    }

    /** The Marketplace page in each language (its own buttons), checked to fit and photographed. */
    private static void states(String state, Map<String, String> says) throws Exception {
        for (String lang : List.of("en", "ru")) {
            WebElement button = browser.driver.findElement(By.cssSelector("button[data-lang='" + lang + "']"));
            browser.driver.executeScript("arguments[0].click()", button);
            browser.await(state + " in " + lang, d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang"))
                    && text("banner-title").startsWith(says.get(lang)));
            photograph(state, lang);
        }
        browser.driver.executeScript("arguments[0].click()",
                browser.driver.findElement(By.cssSelector("button[data-lang='en']")));
        browser.await("the page in English", d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    private static void photograph(String state, String lang) throws Exception {
        for (int width : WIDTHS) {
            fits(state, lang, width);
            browser.fullScreenshot(state + "-" + lang + "-" + width, width);
        }
        fits(state, lang, NARROWEST);
        browser.viewport(1280, 900);
    }

    private static void fits(String state, String lang, int width) {
        browser.viewport(width, 900);
        assertEquals(0, browser.overflow(), state + " in " + lang + " at " + width + " px scrolls sideways; wider than the screen: "
                + browser.overflowing());
    }
}
