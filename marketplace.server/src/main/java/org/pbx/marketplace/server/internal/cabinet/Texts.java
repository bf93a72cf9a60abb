package org.pbx.marketplace.server.internal.cabinet;

import java.util.Map;

/** The cabinet's words in English and Russian; error texts come from ErrorCode. */
final class Texts {
    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("title", new String[] {"Client cabinet", "Личный кабинет"}),
            Map.entry("login.prompt", new String[] {"Enter your license key or a coupon activated earlier",
                    "Введите ваш лицензионный ключ или активированный ранее купон"}),
            Map.entry("login.button", new String[] {"Log in", "Войти"}),
            Map.entry("logout", new String[] {"Log out", "Выйти"}),
            Map.entry("key", new String[] {"License key", "Лицензионный ключ"}),
            Map.entry("key.coupon", new String[] {"(logged in with a coupon)", "(вход по купону)"}),
            Map.entry("status", new String[] {"Status", "Состояние"}),
            Map.entry("status.ACTIVE", new String[] {"active", "действует"}),
            Map.entry("status.REVOKED", new String[] {"revoked", "отозван"}),
            Map.entry("owner", new String[] {"Owner", "Владелец"}),
            Map.entry("owner.company", new String[] {"Company", "Организация"}),
            Map.entry("owner.contact", new String[] {"Contact person", "Контактное лицо"}),
            Map.entry("owner.email", new String[] {"E-mail", "Электронная почта"}),
            Map.entry("owner.phone", new String[] {"Phone", "Телефон"}),
            Map.entry("owner.companyId", new String[] {"Company identifier", "Идентификатор компании"}),
            Map.entry("products", new String[] {"Products", "Продукты"}),
            Map.entry("trial", new String[] {"trial", "пробный период"}),
            Map.entry("paid", new String[] {"license", "лицензия"}),
            Map.entry("expires", new String[] {"expires after", "действует до"}),
            Map.entry("expired", new String[] {"expired", "истёк"}),
            Map.entry("features", new String[] {"Features", "Функции"}),
            Map.entry("seats", new String[] {"%d of %d seats used", "занято мест: %d из %d"}),
            Map.entry("installations", new String[] {"Installations bound to the key", "Установки, привязанные к ключу"}),
            Map.entry("installations.none", new String[] {"No PBX is bound to this key. The next PBX that checks it will be.",
                    "К ключу не привязана ни одна АТС. Привяжется первая АТС, которая его проверит."}),
            Map.entry("bound", new String[] {"bound", "привязана"}),
            Map.entry("seen", new String[] {"last check", "последняя проверка"}),
            Map.entry("release", new String[] {"Release", "Освободить"}),
            Map.entry("released", new String[] {"The installation was released: the key can now be used on another PBX."
                    + " The released PBX switches its paid modules off at its next check (at least once a day) and"
                    + " says so on its Marketplace page; its admin takes the seat back only by asking for it there.",
                    "Установка освобождена: теперь ключ можно использовать на другой АТС. Освобождённая АТС выключит"
                    + " платные модули при следующей проверке (не реже раза в сутки) и сообщит об этом на своей"
                    + " странице маркетплейса; снова занять место её администратор может только сам, на этой странице."}),
            Map.entry("installation.version", new String[] {"PBX %s", "АТС %s"}),
            Map.entry("installation.unnamed", new String[] {"PBX without a reported name", "АТС без названия"}),
            Map.entry("installation.id", new String[] {"installation ID", "идентификатор установки"}),
            Map.entry("coupon", new String[] {"Activate a coupon", "Активировать купон"}),
            Map.entry("coupon.button", new String[] {"Activate", "Активировать"}),
            Map.entry("coupon.view", new String[] {"Logged in with a coupon: this page shows only what the coupon added"
                    + " to its license. Log in with the license key to see and manage the rest.",
                    "Вход по купону: здесь видно только то, что купон добавил к лицензии. Чтобы видеть и менять"
                    + " остальное, войдите по лицензионному ключу."}),
            Map.entry("coupon.code", new String[] {"Coupon", "Купон"}),
            Map.entry("coupon.days", new String[] {"Days it added", "Добавлено дней"}),
            Map.entry("coupon.denied", new String[] {"A coupon login can't do this. Log in with the license key.",
                    "При входе по купону это недоступно. Войдите по лицензионному ключу."}),
            Map.entry("csrf", new String[] {"This form is out of date or was sent from another site, so nothing was"
                    + " done. Open the cabinet page again and send the form from there.",
                    "Форма устарела или отправлена с другого сайта, поэтому ничего не сделано. Откройте страницу"
                    + " кабинета заново и отправьте форму оттуда."}),
            Map.entry("coupon.done", new String[] {"The coupon was activated.", "Купон активирован."}),
            Map.entry("coupon.already", new String[] {"This coupon was already activated on this license; nothing changed.",
                    "Этот купон уже активирован для этой лицензии; ничего не изменилось."}),
            Map.entry("offline", new String[] {"Offline activation", "Офлайн-активация"}),
            Map.entry("offline.link", new String[] {"A PBX without internet? Activate it offline",
                    "АТС без интернета? Активируйте её офлайн"}),
            Map.entry("offline.how", new String[] {"On the PBX, export an activation request file for this key"
                    + " (Marketplace page, REST API or the marketplace:offline-request command). Paste its content"
                    + " here; you get a license token file to import on the PBX within a day.",
                    "На АТС выгрузите файл запроса активации для этого ключа (страница маркетплейса, REST API или"
                    + " команда marketplace:offline-request). Вставьте сюда его содержимое; вы получите файл лицензии,"
                    + " который нужно загрузить на АТС в течение суток."}),
            Map.entry("offline.prompt", new String[] {"Content of the activation request file",
                    "Содержимое файла запроса активации"}),
            Map.entry("offline.button", new String[] {"Get the license token file", "Получить файл лицензии"}),
            Map.entry("offline.back", new String[] {"Back to the cabinet", "В личный кабинет"}),
            Map.entry("offline.otherKey", new String[] {"The request file names another license key. Log in with"
                    + " that key, then paste the file again.", "В файле запроса указан другой лицензионный ключ."
                    + " Войдите по этому ключу и вставьте файл снова."}),
            Map.entry("none", new String[] {"none", "нет"}),
            Map.entry("lost", new String[] {"Lost license key", "Потерянный лицензионный ключ"}),
            Map.entry("lost.link", new String[] {"Lost your key?", "Потеряли ключ?"}),
            Map.entry("lost.prompt", new String[] {"Enter the e-mail address the license was registered to."
                    + " If keys are registered to it, we will send them there.", "Введите адрес электронной почты,"
                    + " указанный при регистрации. Если на него зарегистрированы ключи, мы отправим их туда."}),
            Map.entry("lost.button", new String[] {"Send my keys", "Отправить ключи"}),
            Map.entry("lost.done", new String[] {"If license keys are registered to this address, a letter with them"
                    + " is on its way to it. Check the inbox, and the spam folder, in a few minutes.",
                    "Если на этот адрес зарегистрированы лицензионные ключи, письмо с ними уже отправляется туда."
                            + " Проверьте входящие и папку «Спам» через несколько минут."}),
            Map.entry("lost.nomail", new String[] {"This server does not send e-mail. Contact the vendor's support"
                    + " to get your key.", "Этот сервер не отправляет почту. Чтобы получить ключ, обратитесь в"
                    + " поддержку поставщика."}),
            Map.entry("outbox", new String[] {"Mail outbox", "Очередь писем"}),
            Map.entry("outbox.queued", new String[] {"Waiting for the first attempt", "Ждут первой попытки"}),
            Map.entry("outbox.failing", new String[] {"Failing, will be retried", "Не отправлены, будут повторены"}),
            Map.entry("outbox.failed", new String[] {"Given up", "Отправка прекращена"}),
            Map.entry("outbox.sent", new String[] {"Sent", "Отправлены"}),
            Map.entry("outbox.lastError", new String[] {"Last error", "Последняя ошибка"}));

    private Texts() {
    }

    static String get(String key, String language) {
        String[] pair = TEXTS.get(key);
        if (pair == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        return "ru".equals(language) ? pair[1] : pair[0];
    }
}
