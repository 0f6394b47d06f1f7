package org.plumbline.server.notify;

import java.util.regex.Pattern;

/**
 * What Plumbline accepts as an e-mail address: one {@code local@domain} of printable ASCII, at most 254
 * characters, with no space, comma, angle bracket, quote or control character. Stricter than RFC 5322 on
 * purpose: the address goes into a mail header, and anything that could end a header or add a recipient is
 * refused rather than escaped.
 */
final class EmailAddress {
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*");

    private EmailAddress() {
    }

    static boolean valid(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
    }
}
