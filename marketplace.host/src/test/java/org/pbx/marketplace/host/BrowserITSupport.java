package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.json.Json;
import org.pbx.marketplace.testsupport.AdminClient;
import org.pbx.marketplace.testsupport.HostProcess;

/**
 * What every browser test of the Marketplace page shares (PagesBrowserIT, CatalogBrowserIT,
 * RegistrationBrowserIT): the demo host jar in its own data folder with its demo catalog, the
 * admin's REST client, headless Chromium logged in as the admin, and the small steps the tests are
 * written in (open, click, wait, read a module's facts, start and follow an operation). Each test
 * class gets a host and a browser of its own.
 */
abstract class BrowserITSupport {

    static final String API = "/api/marketplace/v1";
    static final List<String> DEMO = List.of("org.pbx.demo.callback", "org.pbx.demo.weather",
            "org.pbx.demo.recording", "org.pbx.demo.crm");
    static final String CALLBACK = "org.pbx.demo.callback";
    static final String WEATHER = "org.pbx.demo.weather";
    static final String RECORDING = "org.pbx.demo.recording";
    static final String CRM = "org.pbx.demo.crm";

    /** The name the test hosts report to their vendor's cabinet (-Dpbx.host.name). */
    static final String HOST_NAME = "pbx-office.example.com";

    @TempDir
    static Path data;

    static HostProcess host;
    static AdminClient admin;
    static Browser browser;

    @BeforeAll
    static void startHostAndBrowser() throws Exception {
        host = HostProcess.start(data, HostProcess.TIMEOUT, "-Dpbx.host.name=" + HOST_NAME);
        host.await("the ready line", line -> line.contains("PBX host ready"));
        admin = new AdminClient(host.port, data);
        admin.awaitStatus(API + "/modules", 200);
        awaitDemoCatalog();
        browser = Browser.start(AdminClient.basic("admin", AdminClient.password(data)));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            browser = null;
            if (host != null) {
                host.close();
            }
            host = null;
        }
    }

    // ---- the page

    static String url(String path) {
        return "http://localhost:" + host.port + path;
    }

    static void open() {
        browser.driver.get(url("/marketplace/"));
    }

    static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    static String text(String id) {
        return browser.read(id, d -> byId(id).getText().trim());
    }

    static boolean displayed(String id) {
        return browser.read(id + " shown", d -> byId(id).isDisplayed());
    }

    // Found and clicked inside the wait: the page re-renders its lists (live state, names learned), and an
    // element found before a re-render is stale when clicked; the wait ignores that and finds it again.
    static void click(String id) {
        browser.await(id + " clicked", d -> {
            WebElement element = byId(id);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** An unregistered PBX with no module installed, its page opened afresh in English at 1280 px. */
    static void startClean() throws Exception {
        assertEquals(204, admin.send("DELETE", API + "/license", null).statusCode());
        removeAll();
        browser.viewport(1280, 900);
        open();
        browser.driver.executeScript("localStorage.removeItem('marketplace.lang'); sessionStorage.clear();");
        open();
        language("en");
    }

    /** Switches the page's language with its own buttons and waits until the page is re-rendered in it. */
    static void language(String lang) {
        WebElement button = browser.driver.findElement(By.cssSelector("button[data-lang='" + lang + "']"));
        if (!"true".equals(button.getAttribute("aria-pressed"))) {
            // A script click: an open modal dialog (a state being photographed) would take a pointer click.
            browser.driver.executeScript("arguments[0].click()", button);
        }
        // aria-pressed is set once the texts are loaded, right before the page renders in the same task.
        browser.await("the page in " + lang, d -> "true".equals(button.getAttribute("aria-pressed"))
                && lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    static void visible(String id) {
        browser.await(id + " shown", d -> byId(id).isDisplayed());
    }

    // ---- the catalog on the page

    static List<String> listed() {
        return browser.driver.findElements(By.cssSelector("#catalog-list > li")).stream()
                .map(li -> li.getAttribute("data-module")).collect(Collectors.toList());
    }

    static void awaitCatalog() {
        browser.await("the four demo modules listed", d -> listed().equals(DEMO));
    }

    static WebElement module(String id) {
        return browser.driver.findElement(By.cssSelector("#catalog-list > li[data-module='" + id + "']"));
    }

    // The readings below look the module up again if the list re-rendered meanwhile (see Browser.read).

    static String fact(String id, String name) {
        return moduleText(id, ".module-" + name).trim();
    }

    /** The text of one element inside a module's entry. */
    static String moduleText(String id, String css) {
        return browser.read(id + " " + css, d -> module(id).findElement(By.cssSelector(css)).getText());
    }

    /** The whole text of a module's entry. */
    static String moduleText(String id) {
        return browser.read(id, d -> module(id).getText());
    }

    /** Whether a module's entry has an element matching css. */
    static boolean moduleHas(String id, String css) {
        return browser.read(id + " has " + css, d -> !module(id).findElements(By.cssSelector(css)).isEmpty());
    }

    static String buttonText(String id, String action) {
        return browser.read(id + " " + action, d -> button(id, action).getText());
    }

    static boolean buttonEnabled(String id, String action) {
        return browser.read(id + " " + action + " enabled", d -> button(id, action).isEnabled());
    }

    static WebElement button(String id, String action) {
        return module(id).findElement(By.cssSelector("[data-action='" + action + "']"));
    }

    /** Clicks a module's button, found again if the list re-rendered in between (see {@link #click}). */
    static void clickButton(String id, String action) {
        browser.await(id + " " + action + " clicked", d -> {
            WebElement element = button(id, action);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** Opens a module's details (the page keeps them open across re-renders). */
    static void openDetails(String id) {
        browser.await(id + " details opened", d -> {
            WebElement details = module(id).findElement(By.cssSelector(".module-details"));
            if (!"true".equals(details.getDomProperty("open"))) {
                details.findElement(By.tagName("summary")).click();
            }
            return "true".equals(module(id).findElement(By.cssSelector(".module-details")).getDomProperty("open"));
        });
    }

    static WebElement operation(String id) {
        return module(id).findElement(By.cssSelector(".operation"));
    }

    static void scrollToCatalog() {
        browser.driver.executeScript("document.getElementById('catalog').scrollIntoView()");
    }

    // ---- the REST API, as a script of the admin (or the shell, or another tab) would change things

    static void register(String company, String email) throws Exception {
        String body = "{\"companyName\":\"" + company + "\",\"email\":\"" + email + "\",\"contactName\":\"Ann\"}";
        HttpResponse<String> response = admin.send("POST", API + "/registration", body);
        assertEquals(201, response.statusCode(), response.body());
    }

    static String fullKey() throws Exception {
        return (String) json(admin.send("GET", API + "/license/key", null)).get("key");
    }

    /** Starts an operation through the API (202) and answers its id. */
    static String start(String method, String path) throws Exception {
        HttpResponse<String> response = admin.send(method, path, method.equals("POST") ? "{}" : null);
        assertEquals(202, response.statusCode(), response.body());
        return (String) json(response).get("id");
    }

    /** Waits (bounded) until the operation is no longer RUNNING and answers it. */
    static Map<String, Object> awaitOperation(String id) throws Exception {
        long deadline = System.nanoTime() + HostProcess.TIMEOUT.toNanos();
        while (true) {
            Map<String, Object> op = json(admin.send("GET", API + "/operations/" + id, null));
            if (!"RUNNING".equals(op.get("state"))) {
                return op;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("operation " + id + " still running after " + HostProcess.TIMEOUT.getSeconds() + " s: " + op);
            }
            Thread.sleep(50);
        }
    }

    /** Removes every installed demo module (bounded waits), so a test starts from nothing installed. */
    static void removeAll() throws Exception {
        for (String id : List.of(CRM, CALLBACK, WEATHER, RECORDING)) {
            if (json(admin.send("GET", API + "/modules/" + id, null)).get("installedVersion") != null) {
                awaitOperation(start("DELETE", API + "/modules/" + id));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        return new Json().toType(response.body(), Map.class);
    }

    /**
     * The host fetches the catalog once as it starts; when its vendor server (inside the same host) did
     * not answer yet, the catalog stays empty until the next hourly fetch. Do what the admin does then:
     * "Refresh catalog" (bounded, failing with the last answer).
     */
    static void awaitDemoCatalog() throws Exception {
        long deadline = System.nanoTime() + HostProcess.TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> catalog = admin.send("GET", API + "/modules", null);
            if (!((List<?>) json(catalog).get("modules")).isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo catalog did not arrive within " + HostProcess.TIMEOUT.getSeconds()
                        + " s; the last answer: " + catalog.body());
            }
            admin.send("POST", API + "/catalog/refresh", null);
            Thread.sleep(200);
        }
    }
}
