package org.pbx.marketplace.server.internal.error;

/**
 * The stable numbered errors of protocol v1. docs/protocol.md carries the same table and
 * ProtocolDocTest keeps the two equal, so a number, name or text never changes silently.
 */
public enum ErrorCode {
    E_MALFORMED_JSON(1000, 400,
            "The request body is not a JSON object. Send a UTF-8 JSON object.",
            "Тело запроса не является JSON-объектом. Отправьте JSON-объект в UTF-8."),
    E_REQUIRED(1001, 400,
            "A required field is empty. Fill in the field named in \"field\".",
            "Не заполнено обязательное поле. Заполните поле, указанное в \"field\"."),
    E_LENGTH(1002, 400,
            "A field is too long or too short. Shorten or complete the field named in \"field\".",
            "Поле слишком длинное или слишком короткое. Исправьте поле, указанное в \"field\"."),
    E_FIELD_TYPE(1003, 400,
            "A field has the wrong type. Send the field named in \"field\" as the protocol describes.",
            "Поле имеет неверный тип. Передайте поле, указанное в \"field\", как описано в протоколе."),
    E_EMAIL_SYNTAX(1004, 400,
            "The e-mail address is not valid. Check it, for example name@example.com.",
            "Адрес электронной почты указан неверно. Проверьте его, например name@example.com."),
    E_PHONE_SYNTAX(1005, 400,
            "The phone number is not valid. Use digits, spaces, +, -, ( and ), at least 5 digits.",
            "Номер телефона указан неверно. Используйте цифры, пробелы, +, -, ( и ), не менее 5 цифр."),
    E_COMPANY_ID_CHECK(1006, 400,
            "The company identifier (INN, IIN/BIN or UNP) fails its check digit. Check it for typos.",
            "Идентификатор компании (ИНН, ИИН/БИН или УНП) не проходит проверку контрольной цифры. Проверьте, нет ли опечатки."),
    E_COMPANY_ID_TEXT(1007, 400,
            "The company identifier may have at most 32 letters, digits, spaces and - / . characters.",
            "Идентификатор компании может содержать не более 32 букв, цифр, пробелов и символов - / ."),
    E_LANGUAGE(1008, 400,
            "The language must be \"ru\" or \"en\".",
            "Язык должен быть \"ru\" или \"en\"."),
    E_NONCE_FORMAT(1009, 400,
            "The nonce must be 16 to 128 characters of A-Z, a-z, 0-9, - and _. Generate a new random nonce.",
            "Nonce должен содержать от 16 до 128 символов A-Z, a-z, 0-9, - и _. Сгенерируйте новый случайный nonce."),
    E_KEY_FORMAT(1010, 400,
            "The license key has the wrong format. It looks like MKT-XXXXX-XXXXX-XXXXX-XXXXX.",
            "Лицензионный ключ имеет неверный формат. Он выглядит так: MKT-XXXXX-XXXXX-XXXXX-XXXXX."),
    E_COUPON_FORMAT(1011, 400,
            "The coupon has the wrong format. It looks like MKTC-XXXXX-XXXXX-XXXXX-XXXXX.",
            "Купон имеет неверный формат. Он выглядит так: MKTC-XXXXX-XXXXX-XXXXX-XXXXX."),
    E_BODY_TOO_LARGE(1012, 413,
            "The request body is too large (limit 64 KiB).",
            "Тело запроса слишком большое (предел 64 КиБ)."),
    E_NOT_FOUND(1013, 404,
            "There is no such endpoint. Check the server URL and the protocol version.",
            "Такого адреса нет. Проверьте адрес сервера и версию протокола."),
    E_METHOD_NOT_ALLOWED(1014, 405,
            "This endpoint does not accept this HTTP method.",
            "Этот адрес не принимает такой HTTP-метод."),

    E_ACTIVATION_REQUEST(1015, 400,
            "The file is not a valid PBX activation request. Upload the request file the PBX exported, unchanged.",
            "Файл не является корректным запросом активации АТС. Загрузите файл запроса, выгруженный АТС, без изменений."),
    E_ACTIVATION_REQUEST_OLD(1016, 400,
            "The activation request file is older than 30 days. Export a new one on the PBX.",
            "Файл запроса активации старше 30 дней. Выгрузите новый запрос на АТС."),

    E_AUTH_MISSING(2001, 401,
            "The installation signature headers are missing or malformed. Update the PBX marketplace client.",
            "Заголовки подписи установки отсутствуют или повреждены. Обновите клиент маркетплейса АТС."),
    E_AUTH_KEY(2002, 401,
            "The installation public key is not a valid Ed25519 key.",
            "Открытый ключ установки не является корректным ключом Ed25519."),
    E_AUTH_SIGNATURE(2003, 401,
            "The installation signature does not match the request.",
            "Подпись установки не соответствует запросу."),
    E_CLOCK_SKEW(2004, 401,
            "The PBX clock differs from the server's by more than 5 minutes. Set the correct time (NTP) and retry.",
            "Часы АТС расходятся с часами сервера более чем на 5 минут. Установите точное время (NTP) и повторите."),
    E_NONCE_REPLAY(2005, 409,
            "This request was already answered (nonce reused). Retry with a new nonce.",
            "На этот запрос уже был дан ответ (nonce использован повторно). Повторите с новым nonce."),

    E_EMAIL_OTHER_COMPANY(3001, 409,
            "This e-mail already holds a license key of another company. Use another e-mail or the existing key.",
            "На этот адрес уже зарегистрирован ключ другой компании. Укажите другой адрес или используйте существующий ключ."),
    E_UNKNOWN_KEY(3002, 404,
            "This license key is unknown. Check the key in the license e-mail or register to get a new one.",
            "Такой лицензионный ключ не найден. Проверьте ключ в письме с лицензией или зарегистрируйтесь, чтобы получить новый."),
    E_KEY_REVOKED(3003, 403,
            "This license key was revoked by the vendor. Contact the vendor's support.",
            "Этот лицензионный ключ отозван поставщиком. Обратитесь в поддержку поставщика."),
    E_LICENSE_EXPIRED(3004, 403,
            "Every product on this license key has expired. Activate a coupon to renew it.",
            "Срок действия всех продуктов по этому ключу истёк. Активируйте купон, чтобы продлить лицензию."),
    E_BOUND_ELSEWHERE(3005, 403,
            "This license key is in use on another PBX. Release it there or in the client cabinet, then retry.",
            "Этот лицензионный ключ используется на другой АТС. Освободите его там или в личном кабинете и повторите."),

    E_UNKNOWN_PRODUCT(4001, 404,
            "There is no such product. Check the product id in the catalog.",
            "Такого продукта нет. Проверьте идентификатор продукта в каталоге."),
    E_TRIAL_USED(4002, 409,
            "The trial of this product was already used on this key. Activate a coupon to buy it.",
            "Пробный период этого продукта по этому ключу уже использован. Активируйте купон, чтобы купить его."),
    E_NO_TRIAL(4003, 409,
            "This product has no trial. Activate a coupon to get it.",
            "У этого продукта нет пробного периода. Активируйте купон, чтобы получить его."),

    E_UNKNOWN_COUPON(5001, 404,
            "This coupon is unknown. Check the coupon code.",
            "Такой купон не найден. Проверьте код купона."),
    E_COUPON_USED(5002, 409,
            "This coupon was already activated on another license key.",
            "Этот купон уже активирован для другого лицензионного ключа."),
    E_COUPON_NOT_ACTIVATED(5003, 401,
            "This coupon has not been activated yet. Log in with your license key and activate it first.",
            "Этот купон ещё не активирован. Войдите по лицензионному ключу и сначала активируйте купон."),

    E_UNKNOWN_MODULE(6001, 404,
            "There is no such module release in the catalog. Refresh the catalog.",
            "Такого выпуска модуля нет в каталоге. Обновите каталог."),
    E_NOT_ENTITLED(6002, 403,
            "Your license does not cover this module. Start a trial or activate a coupon for its product.",
            "Ваша лицензия не распространяется на этот модуль. Начните пробный период или активируйте купон на его продукт."),
    E_FILE_MISSING(6003, 404,
            "The module file is missing on the server. Try again later or tell the vendor.",
            "Файл модуля отсутствует на сервере. Попробуйте позже или сообщите поставщику."),

    E_RATE_LIMITED(7001, 429,
            "Too many wrong keys from your address. Wait 10 minutes and try again.",
            "Слишком много неверных ключей с вашего адреса. Подождите 10 минут и попробуйте снова."),
    E_SESSION_EXPIRED(7002, 401,
            "Your session has expired. Log in again.",
            "Сеанс истёк. Войдите снова."),
    E_LOST_KEY_RATE_LIMITED(7003, 429,
            "Too many key requests from your address. Wait an hour and try again.",
            "Слишком много запросов ключей с вашего адреса. Подождите час и попробуйте снова."),
    E_REGISTRATION_RATE_LIMITED(7004, 429,
            "Too many registrations from your address or letters to this e-mail address. Try again after the time in Retry-After.",
            "Слишком много регистраций с вашего адреса или писем на этот адрес почты. Повторите после времени, указанного в Retry-After."),

    E_DISABLED(9001, 503,
            "The vendor server is switched off in this host's configuration.",
            "Сервер поставщика отключён в настройках этого узла."),
    E_INTERNAL(9999, 500,
            "The server failed. Try again later; if it persists, tell the vendor.",
            "Ошибка сервера. Попробуйте позже; если ошибка повторяется, сообщите поставщику.");

    private final int code;
    private final int httpStatus;
    private final String en;
    private final String ru;

    ErrorCode(int code, int httpStatus, String en, String ru) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.en = en;
        this.ru = ru;
    }

    public int code() { return code; }
    public int httpStatus() { return httpStatus; }
    public String en() { return en; }
    public String ru() { return ru; }
    public String message(String language) { return "ru".equals(language) ? ru : en; }
}
