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
import org.pbx.marketplace.api.dto.LicenseDTO;

/**
 * {@code marketplace:offline-import FILE}: imports the token file the vendor's cabinet made for
 * this PBX's latest activation request. A {@link Function} for the hyphen, like offline-request.
 */
@Component(service = Function.class)
@GogoCommand(scope = "marketplace", function = "offline-import")
public class OfflineImportCommand implements Function {

    /** Far above a token's size; a wrong file picked by mistake is not read whole. */
    private static final long MAX_FILE = 256 * 1024;

    private final LicenseService license;

    @Activate
    public OfflineImportCommand(@Reference LicenseService license) {
        this.license = license;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        Texts t = Texts.of(session);
        if (arguments.size() != 1) {
            System.err.println(t.get("offline.usage.import"));
            return null;
        }
        Path file = Path.of(String.valueOf(arguments.get(0)));
        String token;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new IOException("larger than " + MAX_FILE + " bytes");
            }
            token = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println(t.get("offline.unreadable", file, e.getMessage()));
            return null;
        }
        try {
            LicenseDTO after = license.importOfflineToken(token);
            System.out.println(t.get("offline.imported"));
            System.out.print(StatusView.render(after, t));
        } catch (LicenseException e) {
            System.err.println(t.get("refused", t.reason(e.reason())));
        }
        return null;
    }
}
