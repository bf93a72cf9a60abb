package org.pbx.marketplace.testing;

import java.util.Map;

import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.ReasonDTO;

/** The reasons {@link FakeLicenseService} gives, in English and Russian, as the Marketplace words them. */
final class FakeReasons {

    /** code, English, Russian of the reason a license in each status gives. */
    private static final Map<LicenseStatus, String[]> STATUS = Map.of(
            LicenseStatus.UNREGISTERED, new String[] {"NOT_REGISTERED", "The PBX is not registered in the marketplace.",
                    "АТС не зарегистрирована в маркетплейсе."},
            LicenseStatus.GRACE, new String[] {"SERVER_UNREACHABLE", "The last check got no answer from the marketplace server.",
                    "Сервер маркетплейса не ответил при последней проверке."},
            LicenseStatus.EXPIRED, new String[] {"LICENSE_EXPIRED", "The license has expired.", "Срок действия лицензии истёк."},
            LicenseStatus.REVOKED, new String[] {"LICENSE_REVOKED", "The vendor revoked this license key.",
                    "Поставщик отозвал этот лицензионный ключ."});

    private FakeReasons() {
    }

    /** Why nothing is available in this status. */
    static ReasonDTO of(LicenseStatus status) {
        String[] texts = STATUS.get(status);
        if (texts == null) {
            return reason("LICENSE_" + status.name(), "The license is " + status.name() + ".",
                    "Лицензия в состоянии " + status.name() + ".");
        }
        return reason(texts[0], texts[1], texts[2]);
    }

    // A fake has no catalog to name features from: the id, said as one, as the PBX does then.

    static ReasonDTO expired(String featureId) {
        return feature(reason("FEATURE_EXPIRED", "The license for the feature with the id \"" + featureId + "\" has expired.",
                "Срок лицензии на функцию с идентификатором «" + featureId + "» истёк."), featureId);
    }

    static ReasonDTO notLicensed(String featureId) {
        return feature(reason("FEATURE_NOT_LICENSED", "The license does not include the feature with the id \"" + featureId + "\".",
                "Лицензия не включает функцию с идентификатором «" + featureId + "»."), featureId);
    }

    /** A feature's reason keeps its id as the technical detail, as the PBX's does. */
    private static ReasonDTO feature(ReasonDTO reason, String featureId) {
        reason.technical = "feature " + featureId;
        return reason;
    }

    private static ReasonDTO reason(String code, String en, String ru) {
        ReasonDTO reason = new ReasonDTO();
        reason.code = code;
        reason.message = Map.of("en", en, "ru", ru);
        return reason;
    }
}
