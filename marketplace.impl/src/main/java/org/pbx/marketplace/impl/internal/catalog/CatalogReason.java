package org.pbx.marketplace.impl.internal.catalog;

import java.util.Map;

import org.osgi.framework.Version;
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
    /** Not received because of something on the license side (no trust root, root expired, bad URL): its sentence follows. */
    NOT_RECEIVED("The catalog has not been received yet. %s",
            "Каталог ещё не получен. %s"),
    CATALOG_UNTRUSTED("The catalog's signature could not be verified (%s); it was refused.",
            "Подпись каталога не прошла проверку (%s); каталог отклонён."),
    CATALOG_ROLLBACK("The server offered an older catalog (version %s, already have %s); it was refused.",
            "Сервер предложил более старый каталог (версия %s, уже есть %s); он отклонён."),
    CATALOG_BACKDATED("The server offered a catalog signed at %s, before the one already accepted (%s); it was refused.",
            "Сервер предложил каталог, подписанный %s, раньше уже принятого (%s); он отклонён."),
    CATALOG_EXPIRED("The server's catalog has expired (a frozen mirror?); it was refused. The last good one is shown.",
            "Каталог на сервере просрочен (устаревшее зеркало?); он отклонён. Показан последний действительный."),
    CATALOG_MISMATCH("The catalog does not match its signed timestamp (%s); it was refused.",
            "Каталог не соответствует подписанной метке времени (%s); он отклонён."),
    CATALOG_INVALID("The catalog names a module id, version or download path that is not allowed (%s); it was refused.",
            "Каталог содержит недопустимый идентификатор модуля, версию или путь загрузки (%s); он отклонён."),
    CATALOG_OUTDATED("The catalog expired on %s and no fresh one could be received; modules are installed and updated only from a valid catalog. Refresh it when the server is reachable.",
            "Срок действия каталога истёк %s, а новый получить не удалось; модули устанавливаются и обновляются только по действующему каталогу. Обновите каталог, когда сервер станет доступен."),
    CATALOG_TOO_LARGE("The catalog is longer than announced; the download was stopped and refused.",
            "Каталог длиннее объявленного; загрузка остановлена, каталог отклонён."),
    STALE("The catalog is %s old: the last update failed. Refresh when the server is reachable.",
            "Каталогу %s: последнее обновление не удалось. Обновите его, когда сервер станет доступен."),
    MODULE_UNKNOWN("There is no module \"%s\" in the catalog. Refresh the catalog.",
            "Модуля «%s» нет в каталоге. Обновите каталог."),
    RELEASE_UNKNOWN("Module \"%s\" has no release %s.", "У модуля «%s» нет выпуска %s."),
    INCOMPATIBLE("Release %s needs PBX version %s; this PBX is %s.", "Выпуску %s нужна версия АТС %s; у этой АТС версия %s."),
    /** INCOMPATIBLE when the PBX names no version: every release with a minimum looks too new, so say what to set. */
    HOST_VERSION_UNKNOWN("This PBX does not say its version (framework property pbx.host.version), so release %s, which needs PBX version %s, cannot be checked for compatibility. Set pbx.host.version to the PBX's version in the framework properties (on Apache Karaf: etc/custom.properties) and restart the PBX.",
            "Эта АТС не сообщает свою версию (свойство фреймворка pbx.host.version), поэтому совместимость выпуска %s, которому нужна версия АТС %s, проверить нельзя. Укажите версию АТС в pbx.host.version в свойствах фреймворка (в Apache Karaf — etc/custom.properties) и перезапустите АТС."),
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
    OFF_ORIGIN("The catalog's download path \"%s\" leads away from the vendor server; nothing was downloaded.",
            "Путь загрузки «%s» из каталога ведёт не на сервер поставщика; ничего не скачано."),
    TWO_MANIFESTS("The downloaded jar of \"%s\" has %s manifest entries; a bundle has exactly one. It was refused.",
            "В скачанном архиве «%s» записей манифеста: %s; у бандла она ровно одна. Архив отклонён."),
    FRAGMENT("The downloaded module \"%s\" is a fragment (Fragment-Host: %s): it would attach to another bundle. Modules must be ordinary bundles; it was refused.",
            "Скачанный модуль «%s» — фрагмент (Fragment-Host: %s): он присоединился бы к другому бандлу. Модуль должен быть обычным бандлом; он отклонён."),
    HOST_BUNDLE("The downloaded module \"%s\" has the name of the PBX's own bundle %s and would replace it. It was refused.",
            "Скачанный модуль «%s» называется так же, как собственный бандл АТС %s, и заменил бы его. Он отклонён."),
    START_FAILED("Module \"%s\" could not be started (%s). It was rolled back; the PBX is as before.",
            "Модуль «%s» не удалось запустить (%s). Изменения отменены; АТС в прежнем состоянии."),
    JOURNAL_FAILED("Module \"%s\" was not installed: the installer's journal could not be cleared (%s), and the next start of the PBX would have undone the install. It was rolled back; check the PBX's disk, then try again.",
            "Модуль «%s» не установлен: не удалось очистить журнал установщика (%s), и при следующем запуске АТС установка была бы отменена. Изменения отменены; проверьте диск АТС и повторите попытку."),
    /** A failed change whose rollback left something: the journal stays, the next start finishes the rollback. */
    ROLLBACK_INCOMPLETE("The change of module \"%s\" failed (%s) and could not be undone completely: %s. Restart the PBX: its next start finishes undoing it.",
            "Изменение модуля «%s» не удалось (%s), и его не удалось полностью отменить: %s. Перезапустите АТС: при следующем запуске отмена будет завершена."),
    UNINSTALL_FAILED("Module \"%s\" could not be removed (%s).", "Модуль «%s» не удалось удалить (%s)."),
    NOT_EARLIER("Release %s of \"%s\" is not earlier than the installed %s; use update or install for it.",
            "Выпуск %s модуля «%s» не раньше установленного %s; для него используйте обновление или установку."),
    /** Going back to a release that advisories cover: the admin must confirm it. */
    ADVISORY_CONFIRM("Release %s of \"%s\" is covered by security advisories %s. Confirm that you want to install it anyway.",
            "На выпуск %s модуля «%s» есть бюллетени безопасности %s. Подтвердите, что всё равно хотите его установить."),
    PBX_VERSION_MALFORMED("\"%s\" is not a PBX version. Write it as major.minor.micro, digits only, e.g. 8.0.0.",
            "«%s» — не версия АТС. Укажите её как мажорная.минорная.патч, только цифры, например 8.0.0."),
    UPGRADE_COMPATIBLE("Release %s runs on PBX %s: it needs %s.", "Выпуск %s работает на АТС %s: ему нужна версия %s."),
    UPGRADE_UPDATE_BEFORE("Release %s needs PBX %s, not %s; release %s runs there (it needs %s) and on this PBX too: update before upgrading the PBX.",
            "Выпуску %s нужна версия АТС %s, а не %s; выпуск %s на ней работает (ему нужна версия %s), и на этой АТС тоже: обновите модуль до перехода."),
    UPGRADE_UPDATE_AFTER("Release %s needs PBX %s, not %s; release %s runs there (it needs %s) but not on this PBX: update right after upgrading the PBX.",
            "Выпуску %s нужна версия АТС %s, а не %s; выпуск %s на ней работает (ему нужна версия %s), но не на этой АТС: обновите модуль сразу после перехода."),
    UPGRADE_NOT_LISTED_UPDATE("The installed release %s is no longer in the catalog; release %s runs on PBX %s (it needs %s).",
            "Установленного выпуска %s больше нет в каталоге; выпуск %s работает на АТС %s (ему нужна версия %s)."),
    UPGRADE_INCOMPATIBLE("Release %s needs PBX %s and no newer release runs on PBX %s.",
            "Выпуску %s нужна версия АТС %s, и ни один более новый выпуск не работает на АТС %s."),
    UPGRADE_NOT_LISTED("The installed release %s is no longer in the catalog and no newer release runs on that PBX version.",
            "Установленного выпуска %s больше нет в каталоге, и ни один более новый выпуск не работает на этой версии АТС."),
    UPGRADE_UNKNOWN("The module (release %s) is not in the catalog: nothing says which PBX versions it runs on.",
            "Модуля (выпуск %s) нет в каталоге: неизвестно, на каких версиях АТС он работает."),
    ADVISORY_UNKNOWN("No security advisory \"%s\" covers an installed module. Refresh the page.",
            "Ни один бюллетень безопасности «%s» не относится к установленному модулю. Обновите страницу."),
    DISMISS_FAILED("The advisory could not be dismissed: it could not be saved (%s). Check the PBX's disk, then try again.",
            "Бюллетень не удалось скрыть: его не удалось сохранить (%s). Проверьте диск АТС и повторите."),
    /** Said through {@link #unresolved}: the requirement's words differ by language. */
    UNRESOLVED("Module \"%s\" needs %s, which neither the PBX nor the catalog provides. Nothing was downloaded or changed; ask the module's vendor for a release that fits this PBX, or to publish that library in the catalog.",
            "Модулю «%s» требуется %s — этого нет ни в АТС, ни в каталоге. Ничего не скачано и не изменено; попросите поставщика модуля о выпуске для этой АТС или о публикации этой библиотеки в каталоге.");

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
        dto.technical = cause == null ? null : cause.technical;
        return dto;
    }

    /**
     * Why no catalog has been received yet: a trust configuration problem of this PBX (no root, root
     * refused or expired) as that reason's own sentence, anything else as the server not answering (or
     * answering with an error), with what failed as the detail for support.
     */
    static ReasonDTO neverFetched(ReasonDTO failure) {
        return failure != null && TRUST_SIDE.contains(failure.code)
                ? NOT_RECEIVED.because(failure)
                : NEVER_FETCHED.dto(Technical.underneath(failure));
    }

    /** The license side's reasons that are about this PBX's trust configuration, not about the server. */
    private static final java.util.Set<String> TRUST_SIDE = java.util.Set.of("NO_TRUST_ROOT", "ROOT_REFUSED", "ROOT_EXPIRED");

    /**
     * The reason a release does not fit this host, to be given (release, range it needs, host):
     * {@link #HOST_VERSION_UNKNOWN} when the PBX names no version, else {@link #INCOMPATIBLE}.
     */
    static CatalogReason incompatible(Version host) {
        return CatalogView.unknownHost(host) ? HOST_VERSION_UNKNOWN : INCOMPATIBLE;
    }

    /** {@link #UNRESOLVED}: who needs what (in each language's words), the resolver's own message for support. */
    static ReasonDTO unresolved(String needer, String en, String ru, String technical) {
        ReasonDTO dto = new ReasonDTO();
        dto.code = UNRESOLVED.name();
        dto.message = Map.of("en", String.format(UNRESOLVED.en, needer, en), "ru", String.format(UNRESOLVED.ru, needer, ru));
        dto.technical = technical;
        return dto;
    }

    CatalogException exception(Object... args) {
        return new CatalogException(dto(args));
    }
}
