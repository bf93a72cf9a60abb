package org.pbx.marketplace.bench.fleet;

import java.nio.charset.StandardCharsets;

/** The PBX's requests as bytes on the wire, the headers as the product's VendorClient sends them. */
final class Requests {
    static final String VALIDATE = "/v1/licenses/validate";
    static final String REGISTER = "/v1/registrations";
    static final String TIMESTAMP = "/v1/catalog/timestamp";
    private static final String ACCEPT = "Accept: application/jose, application/json, application/java-archive\r\n";

    /** A signed request and the nonce the answer must echo. */
    record Signed(Pbx pbx, String nonce, byte[] bytes) {
    }

    private final String host;

    Requests(String host) {
        this.host = "Host: " + host + "\r\n";
    }

    Signed validate(Pbx pbx, long now) {
        String nonce = Pbx.nonce();
        byte[] body = ("{\"licenseKey\":\"" + pbx.licenseKey + "\",\"nonce\":\"" + nonce + "\"}").getBytes(StandardCharsets.UTF_8);
        return new Signed(pbx, nonce, post(VALIDATE, pbx, now, body));
    }

    /** Registration fields of §6.2, each PBX its own company and address (same-company rule). */
    Signed register(Pbx pbx, long now) {
        String nonce = Pbx.nonce();
        String body = "{\"companyName\":\"Fleet PBX " + pbx.index + "\",\"email\":\"pbx" + pbx.index
                + "@fleet.example\",\"contactName\":\"Ivan Petrov\",\"phone\":\"+7 (495) 123-45-67\","
                + "\"companyId\":null,\"language\":\"ru\",\"nonce\":\"" + nonce + "\"}";
        return new Signed(pbx, nonce, post(REGISTER, pbx, now, body.getBytes(StandardCharsets.UTF_8)));
    }

    byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\n" + host + ACCEPT + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] post(String path, Pbx pbx, long now, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n" + ACCEPT
                + pbx.signedHeaders("POST", path, now, body) + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
