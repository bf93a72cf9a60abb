package org.pbx.marketplace.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.LicenseService;

/**
 * {@code marketplace:offline-request KEY [FILE]}: the activation request file of a PBX without
 * internet (docs/protocol.md, "Offline activation"). A {@link Function} rather than a method,
 * because Gogo maps command names to method names and a hyphen can't be in one.
 */
@Component(service = Function.class)
@GogoCommand(scope = "marketplace", function = "offline-request")
public class OfflineRequestCommand implements Function {

    private final LicenseService license;

    @Activate
    public OfflineRequestCommand(@Reference LicenseService license) {
        this.license = license;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        Texts t = Texts.of(session);
        if (arguments.isEmpty() || arguments.size() > 2) {
            System.err.println(t.get("offline.usage.request"));
            return null;
        }
        String request;
        try {
            request = license.offlineActivationRequest(String.valueOf(arguments.get(0)).trim());
        } catch (LicenseException e) {
            System.err.println(t.get("refused", t.reason(e.reason())));
            return null;
        }
        if (arguments.size() == 1) {
            // Bare, so that "> file" in the console gives a file the cabinet takes as it is.
            System.out.println(request);
            return null;
        }
        Path file = Path.of(String.valueOf(arguments.get(1)));
        try {
            Files.writeString(file, request + "\n", StandardCharsets.US_ASCII);
            System.out.println(t.get("offline.written", file.toAbsolutePath()));
        } catch (IOException | RuntimeException e) {
            System.err.println(t.get("offline.unreadable", file, e.getMessage()));
        }
        return null;
    }
}
