package org.distrocompat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.check.Fixtures;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps /openapi.json true: every route the server registers is documented and every documented route exists,
 * and real responses of every route validate against the schema documented for their status.
 */
class OpenApiTest {
    static TestServer server;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        Fixtures.shared();
        Database db = TestDatabase.fresh();
        Fixtures.storeReleases(db);
        server = new TestServer(db, ServerOptions.loopback(), null);
        doc = TestServer.json(server.get("/openapi.json"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theDocumentListsExactlyTheRegisteredRoutes() {
        Set<String> registered = new TreeSet<>();
        for (String r : server.server.routes()) {
            registered.add(r);
        }
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
                m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertThat(registered).isNotEmpty().isEqualTo(documented);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
    }

    @Test
    void theCheckSchemaIsTheCommandsSchema() throws Exception {
        JsonNode commandSchema = Json.COMPACT.readTree(OpenApiTest.class.getResourceAsStream("/schema/check.schema.json"));
        assertThat(doc.get("components").get("schemas").get("check_input").get("properties").fieldNames())
                .toIterable().containsExactlyElementsOf(() -> commandSchema.get("$defs").get("input").get("properties")
                        .fieldNames());
    }

    @Test
    void responsesValidateAgainstTheDocumentedSchemas() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String path : List.of("/api/releases", "/api/releases?versions=true&distro=debian", "/api/releases?distor=x",
                "/api/releases/debian/12", "/api/releases/debian/8", "/api/releases/none/1", "/api/policy/manylinux",
                "/api/policy/musllinux", "/api/policy/explain", "/api/policy/diff", "/api/policy/diff?against=published",
                "/api/pairings", "/api/tags?glibc=2.28&arch=aarch64", "/api/tags", "/healthz", "/readyz",
                "/openapi.json")) {
            HttpResponse<String> r = server.get(path);
            validate("get", path.replaceAll("\\?.*", ""), r);
            checked.add(path + " " + r.statusCode());
        }
        byte[] wheel = ApiTest.wheel();
        validate("post", "/api/check", server.post("/api/check?filename=" + ApiTest.WHEEL, wheel, "application/zip"));
        validate("post", "/api/check", server.post("/api/check", new byte[] {1, 2, 3}, "application/zip"));
        assertThat(checked).contains("/api/releases/none/1 404", "/api/releases?distor=x 400", "/api/tags 400");
    }

    private static void validate(String method, String path, HttpResponse<String> r) throws Exception {
        JsonNode operation = operation(method, path);
        JsonNode response = operation.get("responses").get(Integer.toString(r.statusCode()));
        assertThat(response).as(method + " " + path + ": status " + r.statusCode() + " is not documented").isNotNull();
        JsonNode content = response.get("content");
        assertThat(content).as(method + " " + path + " " + r.statusCode() + " has no documented body").isNotNull();
        JsonNode schema = content.get("application/json").get("schema");
        ObjectNode standalone = schema.deepCopy();
        standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        standalone.set("components", doc.get("components"));
        Schema s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(standalone);
        List<Error> errors = s.validate(TestServer.json(r));
        assertThat(errors).as(method + " " + path + " " + r.statusCode() + ": " + r.body().substring(0,
                Math.min(300, r.body().length()))).isEmpty();
    }

    /** The documented operation a concrete path belongs to ({param} segments match anything). */
    private static JsonNode operation(String method, String path) {
        var it = doc.get("paths").fields();
        while (it.hasNext()) {
            var e = it.next();
            String pattern = e.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            if (path.matches(pattern) && e.getValue().has(method)) {
                return e.getValue().get(method);
            }
        }
        throw new AssertionError("no documented operation for " + method + " " + path);
    }
}
