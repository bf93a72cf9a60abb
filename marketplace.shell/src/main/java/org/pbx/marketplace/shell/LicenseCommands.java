package org.pbx.marketplace.shell;

import java.io.PrintStream;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.admin.LicenseKeyReveal;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The license part of the Marketplace page, as console commands: status, register, key,
 * unregister, coupon, trial, refresh. A refusal prints its reason (what to do) on the error stream.
 */
@Component(service = LicenseCommands.class)
@GogoCommand(scope = "marketplace", function = {"status", "register", "key", "unregister", "coupon", "trial", "refresh"})
public class LicenseCommands {

    private final LicenseService license;
    private final LicenseKeyReveal reveal;

    @Activate
    public LicenseCommands(@Reference LicenseService license, @Reference LicenseKeyReveal reveal) {
        this.reveal = reveal;
        this.license = license;
    }

    @Descriptor("Show the license: status, why and what to do, products and features")
    public void status(CommandSession session) {
        System.out.print(StatusView.render(license.license(), Texts.of(session)));
    }

    @Descriptor("Register this PBX in the marketplace; the vendor mails the key to the e-mail address")
    public void register(CommandSession session,
            @Descriptor("contact phone") @Parameter(names = {"-p", "--phone"}, absentValue = "") String phone,
            @Descriptor("company identifier (INN, IIN/BIN, UNP)") @Parameter(names = {"-i", "--company-id"}, absentValue = "") String companyId,
            @Descriptor("language of the vendor's letter: ru or en") @Parameter(names = {"-l", "--language"}, absentValue = "") String language,
            @Descriptor("company name") String companyName,
            @Descriptor("contact e-mail") String email,
            @Descriptor("contact person") String contactName) {
        Texts t = Texts.of(session);
        RegistrationDTO form = new RegistrationDTO();
        form.companyName = companyName;
        form.email = email;
        form.contactName = contactName;
        form.phone = emptyToNull(phone);
        form.companyId = emptyToNull(companyId);
        form.language = language.isEmpty() ? t.language() : language;
        run(t, () -> {
            LicenseDTO after = license.register(form);
            System.out.println(registered(after, email, t));
            System.out.print(StatusView.render(after, t));
        });
    }

    @Descriptor("Show the key masked; --reveal shows it in full, --set takes an existing key")
    public void key(CommandSession session,
            @Descriptor("show the full key (mind who watches the screen)") @Parameter(names = {"-r", "--reveal"}, presentValue = "true", absentValue = "false") boolean reveal,
            @Descriptor("an existing key to check with the vendor and keep") @Parameter(names = {"-s", "--set"}, absentValue = "") String newKey) {
        Texts t = Texts.of(session);
        if (!newKey.isEmpty()) {
            run(t, () -> {
                LicenseDTO after = license.activateKey(newKey.trim());
                System.out.println(t.get("key.set"));
                System.out.print(StatusView.render(after, t));
            });
            return;
        }
        LicenseDTO now = license.license();
        if (now.maskedKey == null) {
            System.out.println(t.get("key.none"));
        } else if (reveal) {
            // The operator asked for it explicitly; this is the console's only place that shows it.
            System.out.println(t.get("key.revealed", this.reveal.licenseKey()));
        } else {
            System.out.println(t.get("key.masked", now.maskedKey));
        }
    }

    @Descriptor("Cancel the registration: forget the key and every licensed feature on this PBX")
    public void unregister(CommandSession session) {
        Texts t = Texts.of(session);
        if (license.license().status == LicenseStatus.UNREGISTERED) {
            System.out.println(t.get("unregister.none"));
            return;
        }
        license.unregister();
        System.out.println(t.get("unregister.done"));
    }

    @Descriptor("Apply a coupon to the key")
    public void coupon(CommandSession session, @Descriptor("the coupon code, e.g. MKTC-DEMO1-RECPR-0365D-00001") String code) {
        Texts t = Texts.of(session);
        run(t, () -> {
            LicenseDTO after = license.applyCoupon(code.trim());
            System.out.println(t.get("coupon.done"));
            System.out.print(StatusView.render(after, t));
        });
    }

    @Descriptor("Start the trial of a product on the key")
    public void trial(CommandSession session, @Descriptor("the product's id, e.g. call-recording-pro") String productId) {
        Texts t = Texts.of(session);
        run(t, () -> {
            LicenseDTO after = license.startTrial(productId.trim());
            System.out.println(t.get("trial.done", productName(after, productId.trim(), t)));
            System.out.print(StatusView.render(after, t));
        });
    }

    @Descriptor("Check the key with the vendor now")
    public void refresh(CommandSession session) {
        Texts t = Texts.of(session);
        run(t, () -> {
            LicenseDTO after = license.refresh();
            System.out.println(t.get("refresh.done"));
            System.out.print(StatusView.render(after, t));
        });
    }

    /** After a registration: where the key went, only if the vendor says it mailed it (as the page does). */
    static String registered(LicenseDTO after, String email, Texts t) {
        return Boolean.TRUE.equals(after.letterSent) ? t.get("register.done", email) : t.get("register.noMail");
    }

    /** A product of the license by its name in the session's language; the id if the license does not name it. */
    static String productName(LicenseDTO license, String productId, Texts t) {
        if (license.products != null) {
            for (org.pbx.marketplace.api.dto.ProductDTO p : license.products) {
                if (productId.equals(p.id)) {
                    return t.name(p.names, p.name == null ? productId : p.name);
                }
            }
        }
        return productId;
    }

    private interface LicenseCall {
        void run() throws LicenseException;
    }

    /** Runs a call that may be refused; a refusal changed nothing and its reason says what to do. */
    private static void run(Texts t, LicenseCall call) {
        try {
            call.run();
        } catch (LicenseException e) {
            PrintStream err = System.err;
            err.println(t.get("refused", t.reason(e.reason())));
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
