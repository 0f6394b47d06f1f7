package org.plumbline.server.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.plumbline.server.auth.Role;

/**
 * The Plumbline role a person's ID token gives them: the values of the configured claim (a string or an
 * array of strings), each looked up in the configured mapping. Exactly one role must come out. None means
 * the provider does not put this person in any group Plumbline knows; several would give one account
 * two roles at once (a reviewer who is also the auditor of their own work), which Plumbline never does, so
 * the administrator has to decide at the provider.
 */
final class ClaimRoles {
    private ClaimRoles() {
    }

    static Role roleOf(JWTClaimsSet claims, String claimName, Map<String, Role> mapping) throws SignInRefused {
        List<String> values = values(claims.getClaims(), claimName);
        Set<Role> roles = new java.util.HashSet<>();
        for (String v : values) {
            Role r = mapping.get(v);
            if (r != null) {
                roles.add(r);
            }
        }
        if (roles.isEmpty()) {
            throw SignInRefused.person("Your identity provider account is not in any group that gives access to Plumbline. "
                            + "Ask your administrator to add you to one.",
                    "claim '" + claimName + "' holds no mapped value (" + values.size() + " values)");
        }
        if (roles.size() > 1) {
            Set<String> names = new TreeSet<>();
            roles.forEach(r -> names.add(r.id()));
            throw SignInRefused.person("Your identity provider account is in groups that give more than one Plumbline role ("
                            + String.join(", ", names) + "); a Plumbline account has exactly one. Ask your administrator "
                            + "to leave you in one of them.",
                    "claim '" + claimName + "' maps to several roles " + names);
        }
        return roles.iterator().next();
    }

    /** The claim's string values; a dotted name is a top-level claim if one has that name, else a path into objects. */
    static List<String> values(Map<String, Object> claims, String claimName) {
        Object value = claims.get(claimName);
        if (value == null && claimName.contains(".")) {
            Object node = claims;
            for (String part : claimName.split("\\.", -1)) {
                node = node instanceof Map<?, ?> m ? m.get(part) : null;
            }
            value = node;
        }
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
