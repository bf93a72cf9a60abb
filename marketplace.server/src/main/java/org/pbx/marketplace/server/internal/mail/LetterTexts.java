package org.pbx.marketplace.server.internal.mail;

import java.util.Map;

/** The letters' words in English and Russian; {0}-style slots are filled by Letters. */
final class LetterTexts {
    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("subject.registration", new String[] {"Your PBX Marketplace license key: {0}",
                    "Ваш лицензионный ключ Маркетплейса АТС: {0}"}),
            Map.entry("subject.lost", new String[] {"Your PBX Marketplace license keys",
                    "Ваши лицензионные ключи Маркетплейса АТС"}),
            Map.entry("hello", new String[] {"Hello, {0}!", "Здравствуйте, {0}!"}),
            Map.entry("registered", new String[] {"{0} is now registered in the PBX Marketplace. Here is your license key.",
                    "Организация {0} зарегистрирована в Маркетплейсе АТС. Ваш лицензионный ключ:"}),
            Map.entry("lost", new String[] {"Someone asked for the license keys registered to this address;"
                    + " here they are. If it was not you, ignore this letter: the keys were sent only here.",
                    "Кто-то запросил лицензионные ключи, зарегистрированные на этот адрес; вот они. Если это были"
                            + " не вы, просто не обращайте внимания на письмо: ключи отправлены только сюда."}),
            Map.entry("company", new String[] {"Company", "Организация"}),
            Map.entry("key", new String[] {"License key", "Лицензионный ключ"}),
            Map.entry("unlocks", new String[] {"It unlocks", "Что он открывает"}),
            Map.entry("until", new String[] {"until {0}", "до {0}"}),
            Map.entry("trial", new String[] {"trial", "пробный период"}),
            Map.entry("keep", new String[] {"Keep this letter: the key is what you need when the PBX is reinstalled"
                    + " or replaced.", "Сохраните это письмо: ключ понадобится при переустановке или замене АТС."}),
            Map.entry("howto", new String[] {"To enter the key on another PBX", "Как ввести ключ на другой АТС"}),
            Map.entry("step1", new String[] {"In the PBX web interface open the Marketplace registration page and"
                    + " choose to enter an existing license key.", "В веб-интерфейсе АТС откройте страницу регистрации"
                    + " Маркетплейса и выберите ввод имеющегося лицензионного ключа."}),
            Map.entry("step2", new String[] {"Paste the key and save.", "Вставьте ключ и сохраните."}),
            Map.entry("step3", new String[] {"If the key is still in use on the old PBX, unregister it there, or release"
                    + " the old installation in the client cabinet, then try again.", "Если ключ ещё используется на"
                    + " старой АТС, отмените там регистрацию или освободите старую установку в личном кабинете и"
                    + " повторите."}),
            Map.entry("cabinet", new String[] {"Client cabinet (log in with the key): {0}",
                    "Личный кабинет (вход по ключу): {0}"}));

    private LetterTexts() {
    }

    static String get(String key, String language, String... args) {
        String text = TEXTS.get(key)["ru".equals(language) ? 1 : 0];
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", args[i]);
        }
        return text;
    }
}
