package io.precis.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators can switch the API docs off with DOCS_ENABLED=false; the API itself stays up. */
@QuarkusTest
@TestProfile(DocsDisabledTest.DocsOff.class)
class DocsDisabledTest {

    /** DOCS_ENABLED=false. */
    public static class DocsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("DOCS_ENABLED", "false");
        }
    }

    @Test
    void hidesSwaggerUiAndTheOpenApiDocument() {
        given().when().get("/q/swagger-ui/").then().statusCode(404);
        given().when().get("/q/openapi").then().statusCode(404);
        given().when().get("/api/v1/languages").then().statusCode(200);
    }
}
