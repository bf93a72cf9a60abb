package org.pbx.marketplace.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.ModuleCatalog;
import org.pbx.marketplace.api.dto.AdvisoryDTO;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.api.dto.ReleaseDTO;
import org.pbx.marketplace.api.dto.UpgradeCheckDTO;

/**
 * The catalog part of the Marketplace page, as console commands: list and search modules,
 * install, update, downgrade, uninstall (each followed to its end), look at an operation, list a
 * module's releases, and check another PBX version against the installed modules.
 */
@Component(service = ModuleCommands.class)
@GogoCommand(scope = "marketplace", function = {"modules", "search", "install", "update", "uninstall", "operation",
        "versions", "downgrade", "upgradecheck"})
public class ModuleCommands {

    /** Longer than the catalog's default download deadline (120 s), so a slow download fails on its own first. */
    private static final String DEFAULT_TIMEOUT = "300";

    private final ModuleCatalog catalog;

    @Activate
    public ModuleCommands(@Reference ModuleCatalog catalog) {
        this.catalog = catalog;
    }

    @Descriptor("List the catalog's modules, with what is installed")
    public void modules(CommandSession session,
            @Descriptor("only installed modules") @Parameter(names = {"-i", "--installed"}, presentValue = "true", absentValue = "false") boolean installed,
            @Descriptor("only modules with an update") @Parameter(names = {"-u", "--updates"}, presentValue = "true", absentValue = "false") boolean updates,
            @Descriptor("free or paid") @Parameter(names = {"-t", "--type"}, absentValue = "") String type,
            @Descriptor("words in the name or description") @Parameter(names = {"-s", "--search"}, absentValue = "") String text,
            @Descriptor("fetch the catalog from the vendor first") @Parameter(names = {"-r", "--refresh"}, presentValue = "true", absentValue = "false") boolean refresh) {
        Texts t = Texts.of(session);
        if (refresh) {
            try {
                catalog.refresh();
            } catch (CatalogException e) {
                System.err.println(t.get("refused", t.reason(e.reason())));
            }
        }
        ModuleQueryDTO query = new ModuleQueryDTO();
        query.installed = installed ? Boolean.TRUE : null;
        query.updateAvailable = updates ? Boolean.TRUE : null;
        query.type = type.isEmpty() ? null : type;
        query.text = text.isEmpty() ? null : text;
        System.out.print(ModuleTable.render(catalog.catalog(query), t));
    }

    @Descriptor("Find modules by words in their name or description")
    public void search(CommandSession session, @Descriptor("words to find") String text) {
        ModuleQueryDTO query = new ModuleQueryDTO();
        query.text = text;
        System.out.print(ModuleTable.render(catalog.catalog(query), Texts.of(session)));
    }

    @Descriptor("Install a module (and the modules it requires) and follow it to the end")
    public void install(CommandSession session,
            @Descriptor("a release's version; default: the newest compatible") @Parameter(names = {"-v", "--version"}, absentValue = "") String version,
            @Descriptor("seconds to follow the operation") @Parameter(names = {"-w", "--wait"}, absentValue = DEFAULT_TIMEOUT) int waitSeconds,
            @Descriptor("the module's id, e.g. org.pbx.demo.callback") String moduleId) throws InterruptedException {
        start(session, waitSeconds, () -> catalog.install(moduleId, version.isEmpty() ? null : version));
    }

    @Descriptor("Update an installed module to its newest compatible release and follow it to the end")
    public void update(CommandSession session,
            @Descriptor("seconds to follow the operation") @Parameter(names = {"-w", "--wait"}, absentValue = DEFAULT_TIMEOUT) int waitSeconds,
            @Descriptor("the module's id") String moduleId) throws InterruptedException {
        start(session, waitSeconds, () -> catalog.update(moduleId));
    }

    @Descriptor("List a module's releases: which run on this PBX, which earlier ones can be installed back")
    public void versions(CommandSession session, @Descriptor("the module's id") String moduleId) {
        Texts t = Texts.of(session);
        ModuleDTO module = catalog.module(moduleId);
        if (module == null) {
            System.err.println(t.get("versions.unknown", moduleId));
            return;
        }
        System.out.print(VersionTable.render(module, t));
    }

    @Descriptor("Go back to an earlier release of an installed module and follow it to the end")
    public void downgrade(CommandSession session,
            @Descriptor("install it although security advisories cover it") @Parameter(names = {"-c", "--confirm"}, presentValue = "true", absentValue = "false") boolean confirm,
            @Descriptor("seconds to follow the operation") @Parameter(names = {"-w", "--wait"}, absentValue = DEFAULT_TIMEOUT) int waitSeconds,
            @Descriptor("the module's id") String moduleId,
            @Descriptor("the earlier release, as marketplace:versions lists it") String version) throws InterruptedException {
        Texts t = Texts.of(session);
        start(session, waitSeconds, () -> {
            try {
                return catalog.downgrade(moduleId, version, confirm);
            } catch (CatalogException e) {
                if ("ADVISORY_CONFIRM".equals(e.reason().code)) {
                    System.err.println(t.get("refused", t.reason(e.reason())));
                    System.err.println(t.get("confirm.hint", moduleId, version));
                    return null;
                }
                throw e;
            }
        });
    }

    @Descriptor("Check which installed modules run on another PBX version (before upgrading the PBX); changes nothing")
    public void upgradecheck(CommandSession session, @Descriptor("the PBX version to check, e.g. 8.0.0") String pbxVersion) {
        Texts t = Texts.of(session);
        try {
            UpgradeCheckDTO report = catalog.upgradeCheck(pbxVersion);
            System.out.print(report.text.getOrDefault(t.language(), report.text.get("en")));
        } catch (CatalogException e) {
            System.err.println(t.get("refused", t.reason(e.reason())));
        }
    }

    @Descriptor("Remove an installed module and follow it to the end")
    public void uninstall(CommandSession session,
            @Descriptor("seconds to follow the operation") @Parameter(names = {"-w", "--wait"}, absentValue = DEFAULT_TIMEOUT) int waitSeconds,
            @Descriptor("the module's id") String moduleId) throws InterruptedException {
        start(session, waitSeconds, () -> catalog.uninstall(moduleId));
    }

    @Descriptor("Show an operation and follow it to the end")
    public void operation(CommandSession session,
            @Descriptor("seconds to follow the operation") @Parameter(names = {"-w", "--wait"}, absentValue = DEFAULT_TIMEOUT) int waitSeconds,
            @Descriptor("the operation's id, as install, update or uninstall printed it") String operationId) throws InterruptedException {
        Texts t = Texts.of(session);
        OperationDTO op = catalog.operation(operationId);
        if (op == null) {
            System.err.println(t.get("op.unknown", operationId));
            return;
        }
        new OperationFollower(catalog, t, System.out).follow(op, Duration.ofSeconds(waitSeconds));
    }

    private interface CatalogCall {
        OperationDTO start() throws CatalogException;
    }

    private void start(CommandSession session, int waitSeconds, CatalogCall call) throws InterruptedException {
        Texts t = Texts.of(session);
        OperationDTO started;
        try {
            started = call.start();
        } catch (CatalogException e) {
            System.err.println(t.get("refused", t.reason(e.reason())));
            return;
        }
        if (started == null) {
            return; // refused, and said why
        }
        OperationFollower follower = new OperationFollower(catalog, t, System.out);
        follower.printStart(started);
        follower.follow(started, Duration.ofSeconds(Math.max(1, waitSeconds)));
    }

    /** The modules of a catalog answer as a table. */
    static final class ModuleTable {

        private ModuleTable() {
        }

        static String render(CatalogDTO answer, Texts t) {
            StringBuilder out = new StringBuilder(t.get("catalog.title", String.valueOf(answer.version),
                    t.time(answer.fetchedAt), answer.hostVersion)).append('\n');
            if (answer.stale || answer.reason != null) {
                out.append(t.get("catalog.stale", t.reason(answer.reason))).append('\n');
            }
            if (answer.modules == null || answer.modules.isEmpty()) {
                return out.append(t.get("catalog.empty")).append('\n').toString();
            }
            Table table = new Table(t.get("col.module"), t.get("col.name"), t.get("col.type"), t.get("col.installed"),
                    t.get("col.latest"), t.get("col.licensed"), t.get("col.notes"));
            for (ModuleDTO m : answer.modules) {
                table.row(m.id, name(m, t), t.get(m.commercial ? "type.paid" : "type.free"),
                        m.installedVersion == null ? t.get("none") : m.installedVersion,
                        m.latestVersion == null ? t.get("none") : m.latestVersion, t.yesNo(m.licensed), notes(m, t));
            }
            out.append(table);
            return advisories(out, answer, t).toString();
        }

        /** Below the table: every advisory on an installed module, whatever the query, so none goes unseen. */
        private static StringBuilder advisories(StringBuilder out, CatalogDTO answer, Texts t) {
            if (answer.advisories == null || answer.advisories.isEmpty()) {
                return out;
            }
            out.append('\n').append(t.get("advisory.title", t.optional("policy." + answer.updatePolicy, answer.updatePolicy))).append('\n');
            for (AdvisoryDTO a : answer.advisories) {
                out.append(t.get("advisory.line", a.id, t.optional("severity.label." + a.severity, a.severity), a.moduleId,
                        a.installedVersion, a.title.getOrDefault(t.language(), a.title.get("en")))).append('\n');
                String text = a.text == null ? null : a.text.getOrDefault(t.language(), a.text.get("en"));
                if (text != null) {
                    out.append("  ").append(text).append('\n');
                }
                out.append("  ").append(a.fixedVersion == null ? t.get("advisory.nofix")
                        : t.get("advisory.fix", a.fixedVersion, a.moduleId)).append('\n');
                if (a.withdrawn) {
                    out.append("  ").append(t.get("advisory.withdrawn")).append('\n');
                }
                if (a.url != null) {
                    out.append("  ").append(t.get("advisory.url", a.url)).append('\n');
                }
                if (a.dismissed) {
                    out.append("  ").append(t.get("advisory.dismissed")).append('\n');
                }
            }
            return out;
        }

        private static String severity(AdvisoryDTO a, Texts t) {
            return t.optional("severity." + a.severity, a.severity);
        }

        private static String name(ModuleDTO m, Texts t) {
            return m.name == null ? m.id : m.name.getOrDefault(t.language(), m.name.getOrDefault("en", m.id));
        }

        private static String notes(ModuleDTO m, Texts t) {
            List<String> notes = new ArrayList<>();
            if (m.advisories != null) {
                m.advisories.forEach(a -> notes.add(t.get("note.advisory", a.id, severity(a, t))));
            }
            if (m.updateAvailable) {
                notes.add(t.get("note.update"));
            }
            if (!m.compatible) {
                notes.add(t.get("note.incompatible"));
            }
            if (m.commercial && !m.licensed) {
                // The product id only as what to type: the name is in its own column, a feature id tells an admin nothing.
                notes.add(m.productId == null ? t.get("note.nolicense") : t.get("note.nolicense.trial", m.productId));
            }
            return String.join(", ", notes);
        }
    }

    /** A module's releases as a table, newest first. */
    static final class VersionTable {

        private VersionTable() {
        }

        static String render(ModuleDTO module, Texts t) {
            StringBuilder out = new StringBuilder(t.get("versions.title", module.id,
                    module.installedVersion == null ? t.get("none") : module.installedVersion)).append('\n');
            Table table = new Table(t.get("col.version"), t.get("col.pbx"), t.get("col.date"), t.get("col.runs"), t.get("col.notes"));
            for (ReleaseDTO r : module.releases) {
                List<String> notes = new ArrayList<>();
                if (r.version.equals(module.installedVersion)) {
                    notes.add(t.get("note.installed"));
                }
                if (r.earlier) {
                    notes.add(t.get("note.earlier"));
                }
                if (r.advisoryIds != null && !r.advisoryIds.isEmpty()) {
                    notes.add(t.get("note.advisories", String.join(", ", r.advisoryIds)));
                }
                table.row(r.version, range(r, t), r.date == null ? t.get("none") : r.date, t.yesNo(r.compatible), String.join(", ", notes));
            }
            return out.append(table).toString();
        }

        private static String range(ReleaseDTO r, Texts t) {
            if (r.minHostVersion == null && r.maxHostVersion == null) {
                return t.get("none");
            }
            return (r.minHostVersion == null ? "" : "≥ " + r.minHostVersion) + (r.minHostVersion != null && r.maxHostVersion != null ? ", " : "")
                    + (r.maxHostVersion == null ? "" : "≤ " + r.maxHostVersion);
        }
    }
}
