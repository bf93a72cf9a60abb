package org.pbx.marketplace.impl.internal.license;

import java.util.Map;

import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * The stable reasons the PBX side gives, each with what the admin should do, in en and ru.
 * Errors the vendor reports keep the vendor's own numbered code and texts (docs/protocol.md); the
 * reasons about one feature, which name it, are {@link FeatureReason}.
 */
public enum Reason {
    NOT_REGISTERED(
            "The PBX is not registered in the marketplace. Register it or enter your license key.",
            "АТС не зарегистрирована в маркетплейсе. Зарегистрируйте её или введите лицензионный ключ."),
    LICENSE_EXPIRED(
            "The license has expired. Renew it with a coupon or in the license cabinet.",
            "Срок действия лицензии истёк. Продлите её купоном или в личном кабинете."),
    LICENSE_REVOKED(
            "The vendor revoked this license key. Contact the vendor's support.",
            "Поставщик отозвал этот лицензионный ключ. Обратитесь в поддержку поставщика."),
    KEY_UNKNOWN(
            "The marketplace does not know this license key. Check the key for typos, or register again to get a new one.",
            "Маркетплейс не знает этот лицензионный ключ. Проверьте, нет ли в ключе опечатки, или зарегистрируйтесь заново, чтобы получить новый."),
    KEY_BOUND_ELSEWHERE(
            "This license key is in use on another PBX. Unregister it there, or release that PBX in the license cabinet.",
            "Этот ключ используется на другой АТС. Отмените регистрацию на ней или освободите её в личном кабинете."),
    SEAT_RELEASED(
            "The seat of this PBX was released in the vendor's license cabinet on %s, so paid modules are switched off. To use the license key here again, choose \"Check with the marketplace now\"; to use another key, cancel the registration and enter it.",
            "Место этой АТС освобождено в личном кабинете поставщика %s, поэтому платные модули выключены. Чтобы снова использовать лицензионный ключ здесь, нажмите «Проверить в маркетплейсе сейчас»; чтобы использовать другой ключ, отмените регистрацию и введите его."),
    KEY_FORMAT(
            "The license key has the wrong format. It looks like MKT-XXXXX-XXXXX-XXXXX-XXXXX.",
            "Лицензионный ключ имеет неверный формат. Он выглядит так: MKT-XXXXX-XXXXX-XXXXX-XXXXX."),
    SERVER_UNREACHABLE(
            "The last check got no answer from the marketplace server (%s). Check the PBX's network connection and DNS.",
            "Сервер маркетплейса не ответил при последней проверке (%s). Проверьте сетевое подключение и DNS АТС.",
            "At the last check the marketplace server answered with an error (%s). The PBX's network is fine; the PBX asks again on its own.",
            "При последней проверке сервер маркетплейса ответил ошибкой (%s). Сеть АТС в порядке; АТС повторит проверку сама."),
    SERVER_DOWN(
            "The marketplace server did not answer (%s). Check the PBX's network connection and DNS, then try again.",
            "Сервер маркетплейса не ответил (%s). Проверьте сетевое подключение и DNS АТС и повторите попытку.",
            "The marketplace server answered with an error (%s). The PBX's network is fine; try again later, and if it persists, contact the vendor.",
            "Сервер маркетплейса ответил ошибкой (%s). Сеть АТС в порядке; повторите попытку позже, а если ошибка не пройдёт, обратитесь к поставщику."),
    OFFLINE_TOO_LONG(
            "The PBX could not reach the marketplace server for too long, so the license paused. Restore the connection; it resumes on the next check.",
            "АТС слишком долго не могла связаться с сервером маркетплейса, поэтому лицензия приостановлена. Восстановите связь; она возобновится при следующей проверке."),
    ANSWER_UNTRUSTED(
            "The marketplace server's answer could not be verified (%s). Check the server URL and the trust root in the settings, or a proxy in between.",
            "Ответ сервера маркетплейса не прошёл проверку (%s). Проверьте адрес сервера и корень доверия в настройках или прокси-сервер между ними."),
    ALREADY_REGISTERED(
            "The PBX is already registered to another company or e-mail. Cancel the registration first.",
            "АТС уже зарегистрирована на другую компанию или адрес. Сначала отмените регистрацию."),
    COUPON_FORMAT(
            "The coupon has the wrong format. It looks like MKTC-XXXXX-XXXXX-XXXXX-XXXXX.",
            "Купон имеет неверный формат. Он выглядит так: MKTC-XXXXX-XXXXX-XXXXX-XXXXX."),
    STORAGE_FAILED(
            "The PBX could not save the license (%s). Check free disk space and permissions of the data folder; nothing was changed.",
            "АТС не смогла сохранить лицензию (%s). Проверьте свободное место и права на папку данных; ничего не изменено."),
    NO_TRUST_ROOT(
            "This PBX trusts no vendor yet: %s. Set the vendor's trust root file, root.json from the PBX distribution, in the Marketplace trust root settings or the framework property pbx.marketplace.trustRoot. The PBX works unregistered until then.",
            "АТС пока не доверяет ни одному поставщику: %s. Укажите файл корня доверия поставщика, root.json из поставки АТС, в настройках корня доверия маркетплейса или в свойстве фреймворка pbx.marketplace.trustRoot. До этого АТС работает без регистрации."),
    ROOT_REFUSED(
            "The vendor's new trust root was refused: %s. The PBX keeps trusting root version %s; tell the vendor's support.",
            "Новый корень доверия поставщика отклонён: %s. АТС продолжает доверять корню версии %s; сообщите в поддержку поставщика."),
    ROOT_EXPIRED(
            "The vendor's trust root version %s expired on %s and the server offers no newer one, so no answer of the server is trusted. Ask the vendor for a renewed root.",
            "Срок действия корня доверия поставщика версии %s истёк %s, а сервер не предлагает более нового, поэтому ответам сервера нет доверия. Запросите у поставщика обновлённый корень."),
    OFFLINE_NO_REQUEST(
            "No offline activation request is waiting for a token. Export a request file first, then import the token the vendor made for it.",
            "Нет запроса на офлайн-активацию, ожидающего ответа. Сначала выгрузите файл запроса, затем загрузите файл лицензии, созданный для него поставщиком."),
    OFFLINE_TOKEN_INVALID(
            "The file is not a license token signed by the vendor, or it is no longer valid. Check that you picked the token file and that the trust root is set, or export a new request.",
            "Файл не является лицензией, подписанной поставщиком, или срок его действия истёк. Проверьте, что выбран файл лицензии и задан корень доверия, или выгрузите новый запрос."),
    OFFLINE_TOKEN_OTHER_PBX(
            "The token file was made for another PBX. Import it on the PBX that exported the request, or export a request here.",
            "Файл лицензии создан для другой АТС. Загрузите его на ту АТС, которая выгрузила запрос, или выгрузите запрос здесь."),
    OFFLINE_TOKEN_OTHER_KEY(
            "The token file is for another license key than the one requested. Export a request for the key you want to use.",
            "Файл лицензии выдан для другого ключа, а не для запрошенного. Выгрузите запрос для нужного ключа."),
    OFFLINE_TOKEN_OTHER_REQUEST(
            "The token file answers an older or another activation request of this PBX. Import the token made for the latest request file.",
            "Файл лицензии отвечает на более старый или другой запрос этой АТС. Загрузите лицензию, созданную для последнего файла запроса."),
    SERVER_URL_INVALID(
            "The server URL in the Marketplace license settings can't be used (%s). Correct it to the vendor's https address, or leave it empty for the server inside this PBX.",
            "Адрес сервера в настройках лицензии маркетплейса непригоден (%s). Исправьте его на https-адрес поставщика или оставьте пустым для сервера внутри этой АТС."),
    CONFIGURED_KEY_INVALID(
            "The license key in the Marketplace license settings has the wrong format, so it is not used. It looks like MKT-XXXXX-XXXXX-XXXXX-XXXXX; correct it or clear the field.",
            "Лицензионный ключ в настройках лицензии маркетплейса имеет неверный формат, поэтому он не используется. Он выглядит так: MKT-XXXXX-XXXXX-XXXXX-XXXXX; исправьте его или очистите поле."),
    KEY_CHANGED(
            "The license key changed while the request was under way, so its answer was not applied to the new key. Check the license and repeat the request if needed.",
            "Лицензионный ключ изменился, пока выполнялся запрос, поэтому ответ не применён к новому ключу. Проверьте лицензию и при необходимости повторите запрос."),
    FORM_INVALID(
            "The form is not filled in correctly: %s.",
            "Форма заполнена неверно: %s.");

    private final String en;
    private final String ru;
    /** The texts when the server did answer, with an error (null: the same texts). */
    private final String answeredEn;
    private final String answeredRu;

    Reason(String en, String ru) {
        this(en, ru, null, null);
    }

    Reason(String en, String ru, String answeredEn, String answeredRu) {
        this.en = en;
        this.ru = ru;
        this.answeredEn = answeredEn;
        this.answeredRu = answeredRu;
    }

    /**
     * A DTO with this reason's code and its messages, filled with {@code args}. The argument of a
     * "(%s)" is what failed underneath: it goes to {@link ReasonDTO#technical}, not into the message.
     */
    public ReasonDTO dto(Object... args) {
        boolean answered = answeredEn != null && Technical.answered(Technical.of(en, args));
        return Technical.reason(name(), answered ? answeredEn : en, answered ? answeredRu : ru, args);
    }

    /** A DTO with any stable code, such as the vendor's {@code E_UNKNOWN_KEY}. */
    public static ReasonDTO of(String code, String en, String ru) {
        ReasonDTO dto = new ReasonDTO();
        dto.code = code;
        dto.message = Map.of("en", en, "ru", ru);
        return dto;
    }
}
