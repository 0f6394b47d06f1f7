package org.plumbline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** These tests hash outside any server; the bound itself is HashingSlotsTest's. */
    private static final HashingSlots.Slot SLOT = () -> { };
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void verifiesTheRightPasswordAndRejectsOthers() {
        String hash = hasher.hash(SLOT, "hunter2 is not a password");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify(SLOT, "hunter2 is not a password", hash)).isTrue();
        assertThat(hasher.verify(SLOT, "hunter2 is not a Password", hash)).isFalse();
        assertThat(hasher.verify(SLOT, "", hash)).isFalse();
    }

    @Test
    void saltsEachHash() {
        assertThat(hasher.hash(SLOT, "same")).isNotEqualTo(hasher.hash(SLOT, "same"));
    }

    @Test
    void matchesTheReferenceImplementation() {
        // Produced by the reference argon2 CLI (phc-winner-argon2):
        //   echo -n password | argon2 somesalt -id -t 2 -k 65536 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify(SLOT, "password", reference)).isTrue();
        assertThat(hasher.verify(SLOT, "passwore", reference)).isFalse();
    }

    @Test
    void rejectsMalformedHashesWithoutThrowing() {
        assertThat(hasher.verify(SLOT, "x", "")).isFalse();
        assertThat(hasher.verify(SLOT, "x", "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$AAAA")).isFalse();
        assertThat(hasher.verify(SLOT, "x", "$argon2id$v=19$m=zz,t=2,p=1$c29tZXNhbHQ$AAAA")).isFalse();
        assertThat(hasher.verify(SLOT, "x", "$argon2id$v=19$m=19456,t=2,p=1$!!!$AAAA")).isFalse();
    }
}
