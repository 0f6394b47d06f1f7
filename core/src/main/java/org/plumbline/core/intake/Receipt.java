package org.plumbline.core.intake;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * What a reporter writes down to come back: 28 decimal digits, shown in 7 groups of 4
 * ({@code 4821 0937 5562 1180 3349 7705 2618}). 28 uniformly random digits carry 28·log2(10) ≈ 93 bits,
 * above the 80 the issue asks for (GlobaLeaks' 16 digits carry about 53; SecureDrop's 7 diceware words about
 * 90). Digits rather than words: no word list to license or translate, nothing to misspell, and a phone's
 * keypad is enough to note them.
 *
 * <p>Only {@link ReceiptKeys} of it are ever kept (a lookup hash), never the receipt. {@link #toString()} does
 * not show it, so that a receipt handed to a logger by mistake is not written down.
 */
public final class Receipt {
    public static final int DIGITS = 28;
    public static final int GROUP = 4;
    /** Bits of entropy: DIGITS · log2(10). */
    public static final double BITS = DIGITS * Math.log(10) / Math.log(2);
    /** The longest input {@link #parse} looks at: the digits with a separator between every two. */
    public static final int MAX_INPUT = DIGITS * 2 + 8;

    private final String digits;

    private Receipt(String digits) {
        this.digits = digits;
    }

    /** A new receipt, every digit drawn uniformly from {@code random}. */
    public static Receipt generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder(DIGITS);
        for (int i = 0; i < DIGITS; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return new Receipt(sb.toString());
    }

    /**
     * The receipt a person typed: digits, with spaces, hyphens or dots anywhere between them (as written
     * down). Anything else — letters, another count of digits, an input longer than {@link #MAX_INPUT} — is
     * no receipt, and costs no key derivation.
     */
    public static Optional<Receipt> parse(String typed) {
        if (typed == null || typed.length() > MAX_INPUT) return Optional.empty();
        StringBuilder sb = new StringBuilder(DIGITS);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '\t') {
                return Optional.empty();
            }
        }
        return sb.length() == DIGITS ? Optional.of(new Receipt(sb.toString())) : Optional.empty();
    }

    /** The digits alone, as fed to the key derivation. */
    byte[] canonical() {
        return digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Grouped for showing to the reporter, once. */
    public String grouped() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < DIGITS; i += GROUP) {
            if (i > 0) sb.append(' ');
            sb.append(digits, i, i + GROUP);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r && java.security.MessageDigest.isEqual(canonical(), r.canonical());
    }

    @Override
    public int hashCode() {
        return 0; // receipts are not map keys; a constant keeps the digits out of any hash table's layout
    }

    @Override
    public String toString() {
        return "Receipt[hidden]";
    }
}
