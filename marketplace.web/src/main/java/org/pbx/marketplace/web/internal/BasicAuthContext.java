package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The demo host's admin login as an HTTP Whiteboard context: every request to anything registered
 * in it (pages, API, unknown paths below them) needs HTTP Basic credentials of the admin. Wrong
 * passwords are throttled per client address ({@link LoginThrottle}).
 */
final class BasicAuthContext extends ServletContextHelper {

    static final String REALM = "PBX Marketplace";

    /** SHA-256 of "admin:password": compared in constant time, the password itself is not kept here. */
    private volatile byte[] expected;
    private final LoginThrottle throttle;

    BasicAuthContext(Bundle bundle, String password, LoginThrottle throttle) {
        super(bundle);
        this.throttle = throttle;
        setPassword(password);
    }

    void setPassword(String password) {
        expected = sha256(AdminLogin.USER + ":" + password);
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null) {
            refuse(request, response);
            return false;
        }
        String client = request.getRemoteAddr();
        Duration wait = throttle.wait(client);
        if (!wait.isZero()) {
            throttled(request, response, wait);
            return false;
        }
        if (MessageDigest.isEqual(expected, sha256(credentials))) {
            throttle.succeeded(client);
            request.setAttribute(REMOTE_USER, AdminLogin.USER);
            request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
            return true;
        }
        Duration lockout = throttle.failed(client);
        if (!lockout.isZero()) {
            throttled(request, response, lockout);
        } else {
            refuse(request, response);
        }
        return false;
    }

    /** 429 with Retry-After: the password was not checked, or was wrong once too often. */
    private static void throttled(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", String.valueOf(seconds));
        String lang = Language.pick(request.getHeader("Accept-Language"));
        if (HtmlPage.wanted(request)) {
            HtmlPage.write(response, 429, lang, Messages.get("page.login.title", lang),
                    List.of(Messages.get("problem.LOGIN_THROTTLED", lang, seconds)), null, null, null);
            return;
        }
        write(response, 429, Problems.of(429, "LOGIN_THROTTLED", lang, seconds));
    }

    /**
     * 401 with the Basic challenge. The API gets a problem body; a browser (the login prompt
     * cancelled, or no credentials yet) a page that says what to do, never the JSON.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        String lang = Language.pick(request.getHeader("Accept-Language"));
        if (HtmlPage.wanted(request)) {
            HtmlPage.write(response, 401, lang, Messages.get("page.login.title", lang),
                    List.of(Messages.get("page.login.text", lang)), request.getRequestURI(),
                    Messages.get("page.login.again", lang), Messages.get("page.login.hint", lang, AdminPassword.FILE_NAME));
            return;
        }
        write(response, 401, Problems.of(401, "LOGIN_REQUIRED", lang));
    }

    private static void write(HttpServletResponse response, int status, ProblemDTO problem) throws IOException {
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        byte[] body = Problems.json(problem);
        response.setStatus(status);
        response.setContentType(Problems.PROBLEM_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        // Commit now: the whiteboard would otherwise turn an uncommitted refusal into its own 403.
        response.flushBuffer();
    }

    /** "user:password" from a Basic Authorization header, or null. */
    private static String basicCredentials(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
