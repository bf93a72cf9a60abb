package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.pbx.marketplace.testsupport.HostProcess;
import org.pbx.marketplace.testsupport.AdminClient;

/**
 * The Marketplace page in headless Chromium against the demo host jar, as an admin uses it:
 * register from the form, reveal the key by hovering, cancel the registration, enter an existing
 * key, switch the language. Each test leaves a screenshot in target/screenshots.
 */
class RegistrationBrowserIT extends BrowserITSupport {

    private static final String KEY = "MKT-[A-Z0-9]{5}(-[A-Z0-9]{5}){3}";

    /** The generated password is named in the host's log once (the base started the host). */
    @BeforeAll
    static void theLogNamesTheGeneratedPassword() throws Exception {
        String password = AdminClient.password(data);
        assertTrue(host.awaitPrinted("the generated admin password in the log", line -> line.contains("generated password"))
                .contains(password), "the log names the generated password once");
    }

    @BeforeEach
    void unregisteredInEnglish() throws Exception {
        assertEquals(204, admin.send("DELETE", API + "/license", null).statusCode());
        open();
        browser.driver.executeScript("localStorage.removeItem('marketplace.lang')");
        open();
        visible("unregistered");
    }

    @Test
    void registerFromTheFormThenRevealTheKeyOnHover() throws Exception {
        click("show-registration");
        visible("registration");
        click("register");
        assertTrue(text("companyName-error").contains("name of your company"), "required fields marked beside them");
        assertEquals("true", byId("email").getAttribute("aria-invalid"));

        byId("companyId").sendKeys("1234567895");
        browser.await("the company id's check digit refused while typing", d -> text("companyId-error").contains("check digit"));
        byId("companyId").clear();
        byId("companyId").sendKeys("7707083893");
        browser.await("the company id accepted", d -> text("companyId-error").isEmpty());

        byId("companyName").sendKeys("<b>Acme</b> & Sons");
        byId("email").sendKeys("browser@example.com");
        byId("contactName").sendKeys("Anna Admin");
        byId("phone").sendKeys("+7 495 123-45-67");
        click("register");

        visible("registered");
        // The demo host's vendor sends no mail: the notice asks to copy the key instead of promising a letter.
        assertTrue(text("success-mail").startsWith("The marketplace sent no letter with the key."), text("success-mail"));
        assertEquals("<b>Acme</b> & Sons", text("owner-company"), "what the user typed is shown as text");
        WebElement key = byId("license-key");
        assertTrue(key.getText().matches("MKT-\\*{5}-\\*{5}-\\*{5}-[A-Z0-9]{5}"), "masked until hovered: " + key.getText());
        assertFalse(key.getAttribute("class").contains("revealed"));
        assertTrue(key.getCssValue("filter").contains("blur"), "blurred until hovered");

        new Actions(browser.driver).moveToElement(key).perform();
        browser.await("the full key revealed on hover", d -> key.getText().matches(KEY));
        assertEquals(fullKey(), key.getText());
        // The blur fades out over a CSS transition: wait for it to end rather than read it mid-way.
        browser.await("the key no longer blurred", d -> "none".equals(key.getCssValue("filter")));
        browser.screenshot("registered-key-revealed");

        new Actions(browser.driver).moveToElement(byId("registered-heading")).perform();
        browser.await("the key hidden again", d -> !key.getText().matches(KEY));
        assertTrue(byId("cabinet-link").getAttribute("href").endsWith("/vendor/cabinet/"));
        assertEquals("_blank", byId("cabinet-link").getAttribute("target"));
        browser.screenshot("registered");
    }

    @Test
    void cancelRegistrationAfterConfirming() throws Exception {
        register("Cancel Co", "cancel@example.com");
        open();
        visible("registered");

        click("unregister");
        browser.await("the confirmation", d -> byId("confirm-unregister").isDisplayed());
        browser.screenshot("cancel-confirmation");
        click("confirm-keep");
        browser.await("the dialog closed", d -> !byId("confirm-unregister").isDisplayed());
        assertTrue(license().contains("\"status\":\"ACTIVE\""), "keeping it changes nothing");

        click("unregister");
        click("confirm-cancel");
        visible("unregistered");
        assertTrue(license().contains("\"status\":\"UNREGISTERED\""));
        browser.screenshot("unregistered");
    }

    @Test
    void enterAnExistingKey() throws Exception {
        register("Key Co", "existing@example.com");
        String key = keyShown();
        assertEquals(204, admin.send("DELETE", API + "/license", null).statusCode());
        open();
        visible("unregistered");
        assertTrue(byId("lost-key").getAttribute("href").contains("/vendor/cabinet/"), "the lost-key link goes to the cabinet");

        byId("key-input").sendKeys("MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ");
        click("activate-key");
        browser.await("the unknown key refused beside the field", d -> text("key-input-error").contains("unknown"));
        browser.screenshot("existing-key-refused");

        byId("key-input").clear();
        byId("key-input").sendKeys(key.toLowerCase());
        click("activate-key");
        visible("registered");
        assertEquals("Key Co", text("owner-company"));
        assertEquals("Active", text("license-status"));
        browser.screenshot("existing-key-accepted");
    }

    @Test
    void switchTheLanguage() throws Exception {
        assertEquals("en", browser.driver.findElement(By.tagName("html")).getAttribute("lang"), "English from the browser");
        assertEquals("Register in the marketplace", text("show-registration"));

        browser.driver.findElement(By.cssSelector("button[data-lang='ru']")).click();
        browser.await("the page in Russian", d -> text("show-registration").equals("Зарегистрироваться в маркетплейсе"));
        assertEquals("ru", browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Маркетплейс модулей", browser.driver.getTitle());
        browser.screenshot("unregistered-ru");

        open();
        browser.await("Russian kept after a reload", d -> text("show-registration").equals("Зарегистрироваться в маркетплейсе"));
        click("show-registration");
        click("register");
        browser.await("errors in Russian", d -> text("email-error").contains("электронной почты"));
        browser.driver.findElement(By.cssSelector("button[data-lang='en']")).click();
        browser.await("the page in English again", d -> text("registration-heading").equals("Get a new license key"));
    }

    // ---- helpers

    private static String license() throws Exception {
        return admin.send("GET", API + "/license", null).body();
    }

    private static String keyShown() throws Exception {
        Matcher key = Pattern.compile(KEY).matcher(admin.send("GET", API + "/license/key", null).body());
        assertTrue(key.find(), "GET /license/key answers the key");
        return key.group();
    }
}
