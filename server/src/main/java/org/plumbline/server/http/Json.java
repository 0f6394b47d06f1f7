package org.plumbline.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration the server uses: ISO-8601 times, unknown request fields rejected, and a
 * request read one way only: a key given twice or anything after the value is an error, not a guess (which
 * of two values a check saw and which one a later reader sees must not differ).
 */
public final class Json {
    /**
     * How deep a request may nest arrays and objects. Our requests are two levels deep; Jackson's default
     * (1,000) only bounds the stack, and a limit near what we read makes the 400 say what is wrong.
     */
    public static final int MAX_DEPTH = 32;

    /** The most digits a JSON number may have: ids and versions are longs (19 digits). */
    public static final int MAX_NUMBER_DIGITS = 40;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }
}
