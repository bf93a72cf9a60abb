package org.pbx.marketplace.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The demo host's admin login as an HTTP Whiteboard context: every request to anything registered
 * in it (pages, API, unknown paths below them) needs HTTP Basic credentials of the admin.
 */
final class BasicAuthContext extends ServletContextHelper {

    static final String REALM = "PBX Marketplace";

    /** SHA-256 of "admin:password": compared in constant time, the password itself is not kept here. */
    private volatile byte[] expected;

    BasicAuthContext(Bundle bundle, String password) {
        super(bundle);
        setPassword(password);
    }

    void setPassword(String password) {
        expected = sha256(AdminLogin.USER + ":" + password);
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials != null && MessageDigest.isEqual(expected, sha256(credentials))) {
            request.setAttribute(REMOTE_USER, AdminLogin.USER);
            request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
            return true;
        }
        refuse(request, response);
        return false;
    }

    /** 401 with the Basic challenge; the API gets a problem body, the pages the browser's login prompt. */
    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.setHeader("Cache-Control", "no-store");
        String language = Language.pick(request.getHeader("Accept-Language"));
        byte[] body = Problems.json(Problems.of(401, "LOGIN_REQUIRED", language));
        response.setStatus(401);
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
