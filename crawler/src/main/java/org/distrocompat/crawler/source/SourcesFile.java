package org.distrocompat.crawler.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;

/**
 * The crawl configuration: the built-in catalog ({@code default-sources.json}) overlaid with a JSON file
 * ({@code $DISTROCOMPAT_HOME/sources.json} or {@code --config FILE}). A source in the file replaces the fields it
 * names of the built-in source of the same name, or adds a new source; its {@code "type"} (default apt) selects
 * the record it is read into (see {@link SourceKinds}):
 * <pre>{"sources": [{"name": "debian", "mirrors": [{"url": "http://mirror.example/debian"}], "suites": ["bookworm"]}]}</pre>
 */
public final class SourcesFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final List<SourceConfig> sources;

    private SourcesFile(List<SourceConfig> sources) {
        this.sources = List.copyOf(sources);
    }

    public List<SourceConfig> sources() {
        return sources;
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The defaults alone. */
    public static SourcesFile defaults() {
        return new SourcesFile(toConfigs(defaultTree()));
    }

    /** The defaults overlaid with {@code file} (null or missing: defaults only, unless {@code required}). */
    public static SourcesFile load(Path file, boolean required) {
        ArrayNode base = defaultTree();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                if (required) {
                    throw new SourceConfigException("configuration file " + file + " does not exist");
                }
            } else {
                JsonNode user;
                try {
                    user = MAPPER.readTree(file.toFile());
                } catch (IOException e) {
                    throw new SourceConfigException("cannot read configuration " + file + ": "
                            + Messages.firstLine(e.getMessage()));
                }
                JsonNode list = user.path("sources");
                if (!list.isArray()) {
                    throw new SourceConfigException("configuration " + file + ": expected {\"sources\": [...]}");
                }
                for (JsonNode s : list) {
                    if (!s.isObject() || !s.path("name").isTextual()) {
                        throw new SourceConfigException("configuration " + file + ": every source needs a \"name\"");
                    }
                    ObjectNode match = null;
                    for (JsonNode b : base) {
                        if (b.path("name").asText().equals(s.path("name").asText())) {
                            match = (ObjectNode) b;
                        }
                    }
                    if (match == null) {
                        ObjectNode fresh = ((ObjectNode) s).deepCopy();
                        if (!fresh.has("distro")) {
                            fresh.put("distro", s.path("name").asText());
                        }
                        base.add(fresh);
                    } else {
                        match.setAll((ObjectNode) s);
                    }
                }
            }
        }
        try {
            return new SourcesFile(toConfigs(base));
        } catch (IllegalArgumentException e) {
            throw new SourceConfigException("configuration " + file + ": " + Messages.firstLine(e.getMessage()));
        }
    }

    private static ArrayNode defaultTree() {
        try (InputStream in = SourcesFile.class.getResourceAsStream("default-sources.json")) {
            return (ArrayNode) MAPPER.readTree(in).get("sources");
        } catch (IOException e) {
            throw new DistrocompatException("built-in default-sources.json is unreadable", e);
        }
    }

    private static List<SourceConfig> toConfigs(ArrayNode tree) {
        List<SourceConfig> out = new ArrayList<>();
        for (JsonNode n : tree) {
            String type = n.path("type").asText(SourceKinds.DEFAULT);
            out.add(MAPPER.convertValue(n, SourceKinds.configClass(type, n.path("name").asText())));
        }
        return out;
    }
}
