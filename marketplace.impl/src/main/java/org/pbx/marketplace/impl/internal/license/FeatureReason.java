package org.pbx.marketplace.impl.internal.license;

import java.util.Map;
import java.util.function.Function;

import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * Why a feature of a module is unavailable, naming the feature as the catalog does in each language
 * (English where the catalog has no name in the language); a feature no catalog names is called by its
 * id, in a sentence that says it is one. The id is always the technical detail, for support and modules.
 */
enum FeatureReason {
    FEATURE_NOT_LICENSED(
            "The license does not include the feature \"%s\". Buy it or start a trial in the marketplace.",
            "Лицензия не включает функцию «%s». Купите её или начните пробный период в маркетплейсе.",
            "The license does not include the feature with the id \"%s\". Buy it or start a trial in the marketplace.",
            "Лицензия не включает функцию с идентификатором «%s». Купите её или начните пробный период в маркетплейсе."),
    FEATURE_EXPIRED(
            "The license for the feature \"%s\" has expired. Renew it with a coupon or in the license cabinet.",
            "Срок лицензии на функцию «%s» истёк. Продлите её купоном или в личном кабинете.",
            "The license for the feature with the id \"%s\" has expired. Renew it with a coupon or in the license cabinet.",
            "Срок лицензии на функцию с идентификатором «%s» истёк. Продлите её купоном или в личном кабинете.");

    private final String namedEn;
    private final String namedRu;
    private final String byIdEn;
    private final String byIdRu;

    FeatureReason(String namedEn, String namedRu, String byIdEn, String byIdRu) {
        this.namedEn = namedEn;
        this.namedRu = namedRu;
        this.byIdEn = byIdEn;
        this.byIdRu = byIdRu;
    }

    /** @param names the feature's name by language, or null when none is known */
    ReasonDTO dto(String featureId, Function<String, Map<String, String>> names) {
        Map<String, String> name = names.apply(featureId);
        ReasonDTO dto = new ReasonDTO();
        dto.code = name();
        if (name == null) {
            dto.message = Map.of("en", String.format(byIdEn, featureId), "ru", String.format(byIdRu, featureId));
        } else {
            String en = name.get("en");
            dto.message = Map.of("en", String.format(namedEn, en), "ru", String.format(namedRu, name.getOrDefault("ru", en)));
        }
        dto.technical = "feature " + featureId;
        return dto;
    }
}
