package org.plumbline.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plumbline.server.auth.Role;

/** Claims to role, account names from what the provider suggests, and the configuration's refusals. */
class ClaimRolesTest {
    private static final Map<String, Role> MAPPING = Map.of("hrdd-reviewers", Role.REVIEWER, "hrdd-audit", Role.AUDITOR);

    @Test
    void aStringOrAnArrayOrAPathHoldsTheValues() throws Exception {
        assertThat(ClaimRoles.roleOf(claims(Map.of("roles", "hrdd-audit")), "roles", MAPPING)).isEqualTo(Role.AUDITOR);
        assertThat(ClaimRoles.roleOf(claims(Map.of("groups", List.of("staff", "hrdd-reviewers"))), "groups", MAPPING))
                .isEqualTo(Role.REVIEWER);
        // Keycloak's realm roles sit in an object; Auth0's namespaced claims have dots in their names.
        assertThat(ClaimRoles.roleOf(claims(Map.of("realm_access", Map.of("roles", List.of("hrdd-audit")))), "realm_access.roles",
                MAPPING)).isEqualTo(Role.AUDITOR);
        assertThat(ClaimRoles.roleOf(claims(Map.of("https://plumbline.example/roles", List.of("hrdd-reviewers"))),
                "https://plumbline.example/roles", MAPPING)).isEqualTo(Role.REVIEWER);
    }

    @Test
    void valuesAreMatchedExactly() {
        assertThatThrownBy(() -> ClaimRoles.roleOf(claims(Map.of("groups", List.of("HRDD-Reviewers", "hrdd-reviewers "))), "groups", MAPPING))
                .isInstanceOf(SignInRefused.class).hasMessageContaining("not in any group");
        assertThatThrownBy(() -> ClaimRoles.roleOf(claims(Map.of("groups", Map.of("hrdd-reviewers", true))), "groups", MAPPING))
                .isInstanceOf(SignInRefused.class);
        assertThatThrownBy(() -> ClaimRoles.roleOf(claims(Map.of()), "groups", MAPPING)).isInstanceOf(SignInRefused.class);
    }

    @Test
    void accountNamesAreValidAndOnlyLabels() {
        assertThat(ExternalAccounts.accountName("Zoë.Müller@example.org")).isEqualTo("zoe.muller");
        assertThat(ExternalAccounts.accountName("__Admin Person")).isEqualTo("admin-person");
        assertThat(ExternalAccounts.accountName("")).isEqualTo("sso-user");
        assertThat(ExternalAccounts.accountName("日本")).isEqualTo("sso-user");
        assertThat(ExternalAccounts.accountName("x".repeat(300))).hasSize(50);
        for (String s : List.of("Zoë.Müller@example.org", "__Admin Person", "", "a", "-", "x".repeat(300), "a\u0000b\nc")) {
            assertThat(ExternalAccounts.accountName(s)).matches("[a-z0-9][a-z0-9._-]{1,62}");
        }
    }

    @Test
    void theConfigurationRefusesWhatWouldBeUnsafe() {
        URI issuer = URI.create("https://idp.example.org");
        assertThatThrownBy(() -> OidcConfig.of(URI.create("http://idp.example.org"), "c", "groups", MAPPING))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> OidcConfig.of(issuer, "c", "groups", Map.of("robots", Role.ENFORCEMENT_SYSTEM)))
                .hasMessageContaining("not a person's role");
        assertThatThrownBy(() -> OidcConfig.of(issuer, "c", "groups", MAPPING).withScopes(List.of("profile")))
                .hasMessageContaining("openid");
        assertThatThrownBy(() -> OidcConfig.of(issuer, "c", "groups", MAPPING).withPublicUrl(URI.create("https://p.example/app")))
                .hasMessageContaining("publicUrl");
        OidcConfig ok = OidcConfig.of(URI.create("http://127.0.0.1:9000/idp"), "c", "groups", MAPPING).withClientSecret("s3cret-value");
        assertThat(ok.toString()).doesNotContain("s3cret-value");
    }

    private static JWTClaimsSet claims(Map<String, Object> claims) throws Exception {
        return JWTClaimsSet.parse(claims);
    }
}
