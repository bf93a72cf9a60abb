package org.pbx.marketplace.server.internal.mail;

/** One rendered letter: plain text and an HTML alternative of the same content. */
public record Letter(String to, String toName, String subject, String text, String html) {
}
