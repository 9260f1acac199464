package org.distrocompat.api.http;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The web page at {@code /}: one HTML document (the matrix, a release's detail, the wheel check, the pairings
 * plot and the policy page are views of it, chosen by the URL's fragment) whose script reads the JSON API. Its
 * assets come from the jar: ours under {@code /assets}, the plotting library (Apache ECharts) from its webjar under
 * {@code /webjars}; nothing is fetched from elsewhere at run time.
 */
final class PageRoutes {
    private static final String ECHARTS_POM = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private final Body index;

    PageRoutes() {
        String html = read(HttpApi.WEB_RESOURCES + "/index.html");
        this.index = Body.of(html.replace("{{echarts}}", "/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js")
                .getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/", this::index);
    }

    private void index(Context ctx) {
        Params.only(ctx);
        index.send(ctx);
    }

    private static String echartsVersion() {
        try (InputStream in = PageRoutes.class.getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IllegalStateException("missing the ECharts webjar (" + ECHARTS_POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
