package org.plumbline.server.api;

import org.plumbline.server.http.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

class OpenApiDocumentTest {
    @Test
    void theServedDocumentListsEveryRouteWithItsRoles() throws Exception {
        var r = TestServer.get("/api/openapi.json", Role.PUBLIC);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = Json.MAPPER.readTree(r.body());
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        for (Route route : TestServer.get().routes()) {
            JsonNode op = doc.path("paths").path(OpenApiDocument.openApiPath(route.path())).path(route.method().name().toLowerCase(Locale.ROOT));
            assertThat(op.isMissingNode()).as(route.method() + " " + route.path()).isFalse();
            assertThat(op.get("x-roles")).isNotEmpty();
        }
    }
}
