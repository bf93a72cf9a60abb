package org.pbx.marketplace.impl.internal.catalog;

import java.util.Map;

import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.license.Technical;

/**
 * Stable reasons of the catalog and the installer, each saying what to do, in en and ru.
 */
enum CatalogReason {
    SERVER_DOWN("The marketplace server did not answer (%s). The catalog shown is the last one received.",
            "Сервер маркетплейса не ответил (%s). Показан последний полученный каталог.",
            "The marketplace server answered with an error (%s). The catalog shown is the last one received; refresh later.",
            "Сервер маркетплейса ответил ошибкой (%s). Показан последний полученный каталог; обновите его позже."),
    NEVER_FETCHED("The catalog has not been received yet: the marketplace server did not answer (%s). Check the PBX's network connection, then refresh.",
            "Каталог ещё не получен: сервер маркетплейса не ответил (%s). Проверьте сетевое подключение АТС и обновите каталог.",
            "The catalog has not been received yet: the marketplace server answered with an error (%s). Refresh later.",
            "Каталог ещё не получен: сервер маркетплейса ответил ошибкой (%s). Обновите каталог позже."),
    CATALOG_UNTRUSTED("The catalog's signature could not be verified (%s); it was refused.",
            "Подпись каталога не прошла проверку (%s); каталог отклонён."),
    CATALOG_ROLLBACK("The server offered an older catalog (version %s, already have %s); it was refused.",
            "Сервер предложил более старый каталог (версия %s, уже есть %s); он отклонён."),
    CATALOG_EXPIRED("The server's catalog has expired (a frozen mirror?); it was refused. The last good one is shown.",
            "Каталог на сервере просрочен (устаревшее зеркало?); он отклонён. Показан последний действительный."),
    CATALOG_MISMATCH("The catalog does not match its signed timestamp (%s); it was refused.",
            "Каталог не соответствует подписанной метке времени (%s); он отклонён."),
    CATALOG_TOO_LARGE("The catalog is longer than announced; the download was stopped and refused.",
            "Каталог длиннее объявленного; загрузка остановлена, каталог отклонён."),
    STALE("The catalog is %s old: the last update failed. Refresh when the server is reachable.",
            "Каталогу %s: последнее обновление не удалось. Обновите его, когда сервер станет доступен."),
    MODULE_UNKNOWN("There is no module \"%s\" in the catalog. Refresh the catalog.",
            "Модуля «%s» нет в каталоге. Обновите каталог."),
    RELEASE_UNKNOWN("Module \"%s\" has no release %s.", "У модуля «%s» нет выпуска %s."),
    INCOMPATIBLE("Release %s needs PBX version %s; this PBX is %s.", "Выпуску %s нужна версия АТС %s; у этой АТС версия %s."),
    BUSY("Another operation on \"%s\" is running. Wait for it to finish.", "С модулем «%s» уже выполняется операция. Дождитесь её окончания."),
    NOT_INSTALLED("Module \"%s\" is not installed.", "Модуль «%s» не установлен."),
    NO_UPDATE("Module \"%s\" is up to date.", "Модуль «%s» уже обновлён."),
    REQUIRED_BY("Module \"%s\" is needed by %s. Remove those first.", "Модуль «%s» нужен модулям: %s. Сначала удалите их."),
    NO_LICENSE("The license does not cover the paid module \"%s\" and no trial could be started: %s",
            "Лицензия не распространяется на платный модуль «%s», и пробный период начать не удалось: %s"),
    DOWNLOAD_FAILED("The module could not be downloaded (%s). Nothing was changed; retry later.",
            "Не удалось скачать модуль (%s). Ничего не изменено; повторите позже."),
    SIZE_MISMATCH("The downloaded module has %s bytes, the catalog says %s. It was refused.",
            "Скачанный модуль занимает %s байт, а в каталоге указано %s. Модуль отклонён."),
    HASH_MISMATCH("The downloaded module's SHA-256 differs from the catalog's (tampered?). It was refused.",
            "SHA-256 скачанного модуля не совпадает с каталогом (подмена?). Модуль отклонён."),
    WRONG_BUNDLE("The downloaded jar is %s, not the module %s the catalog names. It was refused.",
            "Скачанный архив — это %s, а не модуль %s из каталога. Он отклонён."),
    START_FAILED("Module \"%s\" could not be started (%s). It was rolled back; the PBX is as before.",
            "Модуль «%s» не удалось запустить (%s). Изменения отменены; АТС в прежнем состоянии."),
    UNINSTALL_FAILED("Module \"%s\" could not be removed (%s).", "Модуль «%s» не удалось удалить (%s).");

    private final String en;
    private final String ru;
    /** The texts when the server did answer, with an error (null: the same texts). */
    private final String answeredEn;
    private final String answeredRu;

    CatalogReason(String en, String ru) {
        this(en, ru, null, null);
    }

    CatalogReason(String en, String ru, String answeredEn, String answeredRu) {
        this.en = en;
        this.ru = ru;
        this.answeredEn = answeredEn;
        this.answeredRu = answeredRu;
    }

    /** The "(%s)" argument is what failed underneath: it goes to ReasonDTO.technical, not into the message. */
    ReasonDTO dto(Object... args) {
        boolean answered = answeredEn != null && Technical.answered(Technical.of(en, args));
        return Technical.reason(name(), answered ? answeredEn : en, answered ? answeredRu : ru, args);
    }

    /** This reason with another reason's message as its last argument, each language with its own. */
    ReasonDTO because(ReasonDTO cause, Object... args) {
        Object[] en = java.util.Arrays.copyOf(args, args.length + 1);
        Object[] ru = java.util.Arrays.copyOf(args, args.length + 1);
        en[args.length] = cause == null ? "" : cause.message.get("en");
        ru[args.length] = cause == null ? "" : cause.message.get("ru");
        ReasonDTO dto = new ReasonDTO();
        dto.code = name();
        dto.message = Map.of("en", String.format(this.en, en), "ru", String.format(this.ru, ru));
        return dto;
    }

    CatalogException exception(Object... args) {
        return new CatalogException(dto(args));
    }
}
