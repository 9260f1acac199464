package org.distrocompat.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Map;

/**
 * JSON output of both front doors: pretty (command line) or compact (HTTP), stable key order as written by the
 * records and maps given; empty arrays as [].
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // the vocabularies' enums print as the names the schema and wheels use (x86_64, supported, crawled)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .defaultPrettyPrinter(new CompactEmptyPrinter())
            .build();

    /** The same vocabulary without indentation: what the HTTP API sends. */
    public static final ObjectMapper COMPACT = JsonMapper.builder()
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .build();

    /** Jackson's default printer writes "[ ]" and "{ }"; tools and people expect "[]" and "{}". */
    private static final class CompactEmptyPrinter extends DefaultPrettyPrinter {
        CompactEmptyPrinter() {
            indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            _objectFieldValueSeparatorWithSpaces = ": ";
        }

        CompactEmptyPrinter(CompactEmptyPrinter base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new CompactEmptyPrinter(this);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nrOfValues == 0) {
                if (!_arrayIndenter.isInline()) {
                    --_nesting; // as the superclass does, or everything after an empty array is over-indented
                }
                g.writeRaw(']');
            } else {
                super.writeEndArray(g, nrOfValues);
            }
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (nrOfEntries == 0) {
                if (!_objectIndenter.isInline()) {
                    --_nesting;
                }
                g.writeRaw('}');
            } else {
                super.writeEndObject(g, nrOfEntries);
            }
        }
    }

    private Json() {
    }

    /**
     * The compact form (no indentation) as UTF-8 bytes, for HTTP bodies. The maps, lists and scalars the JSON
     * shapes are made of are written straight to the generator — a check report is thousands of small maps, and
     * databind's per-value serializer lookups were most of a check request's time — and anything else (records,
     * enums) through {@link #COMPACT}, so the bytes are the ones {@code COMPACT.writeValueAsBytes} gives.
     */
    public static byte[] bytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = COMPACT.getFactory().createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else {
            COMPACT.writeValue(g, value);
        }
    }

    /** The pretty form, as the command line prints it. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
