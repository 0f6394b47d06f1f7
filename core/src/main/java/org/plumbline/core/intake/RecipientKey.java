package org.plumbline.core.intake;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A recipient's HPKE key pair as stored: the public key, and the private key wrapped ({@link KeyWrap}) under
 * Argon2id ({@link Argon2id#PASSWORD}) of the recipient's password with a salt of its own. Reports' keys are
 * sealed to the public key; only the password opens the private key, so the database alone reads no report.
 * Every method that takes a password runs one Argon2id: call it while holding a hashing slot.
 *
 * @param account the recipient's account identifier (e.g. {@code user/17})
 */
public record RecipientKey(String account, byte[] publicKey, byte[] wrappedPrivate, byte[] passwordSalt) {
    public static final int SALT_BYTES = 16;

    /** A new key pair for {@code account}, wrapped under {@code password}. */
    public static RecipientKey create(String account, String password, SecureRandom random) {
        Hpke.KeyPair pair = Hpke.generate();
        return wrap(account, pair, password, random);
    }

    /**
     * The private key.
     *
     * @throws CryptoFailure if {@code password} is not the one it was wrapped under
     */
    public byte[] unlock(String password) {
        byte[] key = Argon2id.PASSWORD.derive(password.getBytes(StandardCharsets.UTF_8), passwordSalt, 32);
        byte[] privateKey = KeyWrap.unwrap(key, wrappedPrivate, binding(account));
        if (!Hpke.matches(publicKey, privateKey)) throw new CryptoFailure("the wrapped key is not this public key's");
        return privateKey;
    }

    /**
     * The same key pair wrapped under {@code newPassword} (a password change): reports sealed to the
     * public key stay readable.
     *
     * @throws CryptoFailure if {@code oldPassword} is wrong
     */
    public RecipientKey rewrap(String oldPassword, String newPassword, SecureRandom random) {
        byte[] privateKey = unlock(oldPassword);
        return wrap(account, new Hpke.KeyPair(publicKey, privateKey), newPassword, random);
    }

    private static RecipientKey wrap(String account, Hpke.KeyPair pair, String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = Argon2id.PASSWORD.derive(password.getBytes(StandardCharsets.UTF_8), salt, 32);
        return new RecipientKey(account, pair.publicKey(), KeyWrap.wrap(key, pair.privateKey(), binding(account)), salt);
    }

    private static byte[] binding(String account) {
        return ("plumbline-intake recipient-key v1\n" + account).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RecipientKey[" + account + "]";
    }
}
