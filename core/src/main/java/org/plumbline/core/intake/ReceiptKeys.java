package org.plumbline.core.intake;

import java.util.Arrays;

/**
 * What a receipt opens, derived in one Argon2id computation ({@link Argon2id#RECEIPT}, 128 MiB) over the
 * receipt with the installation's salt: 64 bytes, the first 32 the <em>lookup</em> (stored, to find the
 * report without trying every one) and the last 32 the <em>wrapping key</em> (never stored) under which the
 * report's private key is kept. Knowing the lookup from a database copy tells nothing of the wrapping key;
 * finding either from a guess costs one Argon2id per guess.
 *
 * <p>The salt is per installation, not per report: a per-report salt would make every receipt attempt try
 * every report. It still defeats tables computed in advance.
 */
public final class ReceiptKeys {
    public static final int SALT_BYTES = 32;

    private final byte[] lookup;
    private final byte[] wrappingKey;

    private ReceiptKeys(byte[] lookup, byte[] wrappingKey) {
        this.lookup = lookup;
        this.wrappingKey = wrappingKey;
    }

    /** Runs the Argon2id derivation: call it only while holding one of the server's hashing slots. */
    public static ReceiptKeys derive(Receipt receipt, byte[] installationSalt, Argon2id cost) {
        if (installationSalt == null || installationSalt.length != SALT_BYTES) {
            throw new IllegalArgumentException("the installation salt has " + SALT_BYTES + " bytes");
        }
        byte[] out = cost.derive(receipt.canonical(), installationSalt, 64);
        return new ReceiptKeys(Arrays.copyOf(out, 32), Arrays.copyOfRange(out, 32, 64));
    }

    /** The stored half: finds the report. */
    public byte[] lookup() {
        return lookup.clone();
    }

    /** The never-stored half: unwraps the report's private key. */
    public byte[] wrappingKey() {
        return wrappingKey.clone();
    }

    @Override
    public String toString() {
        return "ReceiptKeys[hidden]";
    }
}
