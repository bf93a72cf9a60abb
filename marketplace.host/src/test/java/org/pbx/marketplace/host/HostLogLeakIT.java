package org.pbx.marketplace.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.AdminClient;
import org.pbx.marketplace.testsupport.HostProcess;

/**
 * The full license key never reaches the host process's stdout or stderr, where every log channel of
 * the host ends: java.util.logging (and System.Logger, which the JDK hands to it) through its console
 * handler, slf4j through slf4j-simple, and anything printed. Both are opened to INFO here (the host
 * shows warnings only by default), and the key goes through every path that handles it: registration,
 * the reveal, refresh, a wrong key, the key as a coupon, a real coupon, unregister and activation.
 * The OSGi log, inside the framework: AccessIT.
 */
class HostLogLeakIT {

    private static final String API = "/api/marketplace/v1";
    private static final Pattern KEY = Pattern.compile("MKT-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}");

    @TempDir
    Path data;

    @Test
    void theFullKeyIsNeverPrinted() throws Exception {
        Path logging = Files.createDirectories(Paths.get("target")).resolve("host-log-leak-logging.properties");
        Files.writeString(logging, "handlers=java.util.logging.ConsoleHandler\n.level=INFO\n"
                + "java.util.logging.ConsoleHandler.level=ALL\n");
        String key;
        String printed;
        try (HostProcess host = HostProcess.start(data, HostProcess.TIMEOUT,
                "-Djava.util.logging.config.file=" + logging.toAbsolutePath(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=info")) {
            host.await("the ready line", line -> line.contains("PBX host ready"));
            AdminClient admin = new AdminClient(host.port, data);
            admin.awaitStatus(API + "/license", 200);

            HttpResponse<String> registered = admin.send("POST", API + "/registration",
                    "{\"companyName\":\"Leak Co\",\"email\":\"leak@example.com\",\"contactName\":\"Ann\"}");
            assertEquals(201, registered.statusCode(), registered.body());
            Matcher revealed = KEY.matcher(admin.send("GET", API + "/license/key", null).body());
            assertTrue(revealed.find(), "the reveal shows the key");
            key = revealed.group();

            List<String[]> requests = List.of(
                    new String[] {"POST", API + "/license/refresh", null},
                    new String[] {"PUT", API + "/license/key", "{\"key\":\"" + key.substring(0, key.length() - 1) + "\"}"},
                    new String[] {"PUT", API + "/license/key", "{\"key\":\"" + key + "\"}"},
                    new String[] {"POST", API + "/license/coupons", "{\"coupon\":\"" + key + "\"}"},
                    new String[] {"POST", API + "/license/coupons", "{\"coupon\":\"MKTC-DEMO1-RECPR-0365D-00001\"}"},
                    new String[] {"DELETE", API + "/license", null},
                    new String[] {"PUT", API + "/license/key", "{\"key\":\"" + key + "\"}"},
                    new String[] {"POST", API + "/license/refresh", null});
            for (String[] request : requests) {
                HttpResponse<String> answer = admin.send(request[0], request[1], request[2]);
                assertTrue(answer.statusCode() < 500, request[0] + " " + request[1] + ": " + answer.statusCode() + " " + answer.body());
            }
            assertEquals(143, host.terminate(), "exit code after SIGTERM");
            printed = host.tail(Integer.MAX_VALUE);
        }
        assertTrue(printed.lines().anyMatch(line -> line.startsWith("INFO: ") || line.contains("] INFO ")),
                "the host's console shows INFO lines (java.util.logging's \"INFO: \" or slf4j-simple's \"] INFO \"):\n" + printed);
        printed.lines().forEach(line -> assertFalse(line.contains(key), "the host printed the full key: " + line));
    }
}
