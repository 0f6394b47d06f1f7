package org.plumbline.server.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the provider's discovery document ({@code /.well-known/openid-configuration}) says, read once at
 * start and checked: the issuer it states must be the configured one exactly (OpenID Connect Discovery
 * 1.0, section 4.3: otherwise a document served at one address could speak for another issuer), its
 * endpoints must be https (or loopback http), and it must sign ID tokens with an algorithm this server
 * accepts.
 */
record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
                        Set<JWSAlgorithm> signingAlgorithms) {
    /**
     * Public-key signatures only. HS256/384/512 would be keyed with the client secret, which this server
     * holds too (and a public client has none); "none" is no signature at all.
     */
    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    ProviderMetadata {
        signingAlgorithms = Set.copyOf(signingAlgorithms);
    }

    /** Where the discovery document of {@code issuer} is (Discovery 1.0, section 4: a trailing '/' is dropped first). */
    static URI discoveryUri(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    static ProviderMetadata fetch(ProviderHttp http, String issuer) throws ProviderHttp.ProviderException {
        URI uri = discoveryUri(issuer);
        ProviderHttp.Answer answer = http.get(uri);
        if (answer.status() != 200) {
            throw new ProviderHttp.ProviderException("GET " + uri + ": answered " + answer.status());
        }
        return parse(answer.json(), issuer);
    }

    static ProviderMetadata parse(JsonNode doc, String issuer) throws ProviderHttp.ProviderException {
        String stated = text(doc, "issuer");
        if (!issuer.equals(stated)) {
            throw new ProviderHttp.ProviderException("the discovery document states issuer '" + stated
                    + "', not the configured '" + issuer + "' (they must be equal exactly)");
        }
        URI authorization = endpoint(doc, "authorization_endpoint");
        URI token = endpoint(doc, "token_endpoint");
        URI jwks = endpoint(doc, "jwks_uri");
        JsonNode methods = doc.get("code_challenge_methods_supported");
        if (methods != null && methods.isArray() && !contains(methods, "S256")) {
            throw new ProviderHttp.ProviderException("the provider does not support PKCE with S256 (code_challenge_methods_supported "
                    + methods + ")");
        }
        // Discovery requires the list; RS256 is the algorithm every provider must support when it is missing.
        List<String> stated_algs = new ArrayList<>();
        JsonNode algs = doc.get("id_token_signing_alg_values_supported");
        if (algs != null && algs.isArray()) {
            algs.forEach(a -> stated_algs.add(a.asText()));
        } else {
            stated_algs.add("RS256");
        }
        Set<JWSAlgorithm> usable = new LinkedHashSet<>();
        for (String a : stated_algs) {
            JWSAlgorithm alg = JWSAlgorithm.parse(a);
            if (ACCEPTED.contains(alg)) {
                usable.add(alg);
            }
        }
        if (usable.isEmpty()) {
            throw new ProviderHttp.ProviderException("the provider signs ID tokens only with " + stated_algs
                    + "; this server accepts public-key signatures only (" + ACCEPTED + ")");
        }
        return new ProviderMetadata(issuer, authorization, token, jwks, usable);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode doc, String field) throws ProviderHttp.ProviderException {
        JsonNode n = doc.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new ProviderHttp.ProviderException("the discovery document has no " + field);
        }
        return n.asText();
    }

    private static URI endpoint(JsonNode doc, String field) throws ProviderHttp.ProviderException {
        String value = text(doc, field);
        try {
            URI uri = URI.create(value);
            OidcConfig.requireSafeUrl(uri, field);
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ProviderHttp.ProviderException("the discovery document's " + field + " is unusable: " + e.getMessage());
        }
    }
}
